import Foundation

extension String {
    /// `bytes` as a String when they are valid UTF-8, nil when they are not: what
    /// `String(validating:as:)` answers, without its cost. On Linux that initialiser runs unspecialised
    /// over a raw buffer (generic metadata looked up on every call): a third of checking a
    /// 200,000-line job file went there. `String(decoding:as:)` takes the standard library's fast
    /// UTF-8 path and repairs what is invalid with U+FFFD, so the bytes come back unchanged exactly
    /// when there was nothing to repair (a repair never writes back the ill-formed bytes it replaces).
    init?(checkedUTF8 bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            self = ""
            return
        }
        var text = bytes.withMemoryRebound(to: UInt8.self) { String(decoding: $0, as: UTF8.self) }
        let unchanged = text.withUTF8 { utf8 in utf8.count == bytes.count && memcmp(utf8.baseAddress!, base, utf8.count) == 0 }
        guard unchanged else { return nil }
        self = text
    }
}
