import Foundation

/// How `/` compares text: case, accents and full-width forms folded, so `emoji` finds `émoji-🚀-1`,
/// `strasse` finds `Straße` and a person types what they see without its diacritics. The query is
/// folded once; ASCII text (most ids and codes) is compared byte by byte with no copy, since a
/// search of 50,000 items runs on every keystroke. Other text is folded, then searched.
///
/// Usage: `let query = SearchFolding("Émoji"); query.matches("émoji-🚀-1") // true`
public struct SearchFolding: Hashable, Sendable {
    /// The query as folded; empty matches everything.
    public let folded: String
    private let bytes: [UInt8]
    private let isASCII: Bool

    public init(_ query: String) {
        folded = Self.fold(query)
        bytes = Array(folded.utf8)
        isASCII = bytes.allSatisfy { $0 < 0x80 }
    }

    public var isEmpty: Bool { bytes.isEmpty }

    /// Lower case, no accents, no full-width forms: `ÉMOJI` and `ｅｍｏｊｉ` both read `emoji`.
    public static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    public func matches(_ text: String) -> Bool {
        if bytes.isEmpty { return true }
        if isASCII, let answer = text.utf8.withContiguousStorageIfAvailable({ asciiContains($0) }), let answer {
            return answer
        }
        return Self.fold(text).contains(folded)
    }

    /// Containment with ASCII letters folded byte by byte; nil when `text` is not all ASCII.
    private func asciiContains(_ text: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard !text.contains(where: { $0 >= 0x80 }) else { return nil }
        guard bytes.count <= text.count else { return false }
        outer: for start in 0...(text.count - bytes.count) {
            for offset in 0..<bytes.count {
                var byte = text[start + offset]
                if byte >= 0x41 && byte <= 0x5A { byte += 0x20 }
                if byte != bytes[offset] { continue outer }
            }
            return true
        }
        return false
    }
}
