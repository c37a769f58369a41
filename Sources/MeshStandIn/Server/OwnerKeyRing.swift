import Foundation

/// The `--keys` file's keys and the owner each belongs to: the one place a request's
/// `Authorization` header is turned into an owner. `OwnerAuthenticator` asks it for every routed
/// request, `CachedListPageResponder` for the lists it answers on the event loop, and the
/// `Expect: 100-continue` check for whether a body will be read at all.
struct OwnerKeyRing: Sendable {
    private let owners: [String: String]

    init(_ ownersByKey: [String: String]) {
        owners = ownersByKey
    }

    /// The owner a `Bearer` header's key belongs to; nil for no header, another scheme or an unknown key.
    func owner(authorization header: String?) -> String? {
        guard let header, header.hasPrefix("Bearer ") else { return nil }
        let token = header.dropFirst("Bearer ".count)
        // Most keys come without spaces around them: look those up as they are, since Foundation's
        // trimming was the largest part of a cached list page's own cost.
        if let first = token.utf8.first, let last = token.utf8.last, Self.isPlainTokenByte(first),
           Self.isPlainTokenByte(last)
        {
            return owners[String(token)]
        }
        return owners[String(token).trimmingCharacters(in: .whitespaces)]
    }

    /// A byte no whitespace starts or ends with: printable ASCII other than a space.
    private static func isPlainTokenByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F
    }
}
