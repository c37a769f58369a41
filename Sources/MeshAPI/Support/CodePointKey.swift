/// A string as a dictionary or set key that compares code point by code point.
///
/// Swift's `String` equality is canonical equivalence: "café" written with U+00E9 equals "café"
/// written with e + U+0301, and the Kelvin sign U+212A equals "K". To Mesh (Python compares code
/// points) those are different custom_ids, so a batch may hold both; a `Set<String>` would refuse
/// the second as a duplicate. Comparing the UTF-8 bytes compares code points, since UTF-8 maps each
/// code point to one byte sequence.
///
///     var seen = Set<CodePointKey>()
///     seen.insert(CodePointKey("caf\u{E9}")); seen.insert(CodePointKey("cafe\u{301}")).inserted   // true
public struct CodePointKey: Hashable, Sendable {
    public let utf8: [UInt8]

    public init(_ text: String) { utf8 = Array(text.utf8) }

    /// Python's `len()`: code points, not graphemes (one grapheme can hold any number of marks).
    public static func length(of text: String) -> Int { text.unicodeScalars.count }
}
