/// Writes a `JSONValue` as JSON text: keys sorted, slashes unescaped, whole numbers without a
/// fraction (as `JSONValue.encode` writes them); compact, or indented by two spaces for people.
/// The counterpart of `JSONValueParser`, for the same reason: `JSONEncoder` goes through a
/// container and a type check for every node. It is also the scripting commands' `--json` and
/// `--jsonl` printer.
///
/// Besides what JSON requires (`"`, `\\` and U+0000-U+001F), every other character `TerminalText`
/// escapes is written as `\uXXXX`: DEL and the C1 controls (U+009B is a CSI, as ESC [ is), the
/// bidirectional controls (U+202E reverses what follows), U+2028/U+2029 and the invisible format
/// characters. JSON allows them raw, but raw they reach a terminal when `--json` is printed to
/// one. The value read back is the same.
public enum JSONValueWriter {
    public static func string(_ value: JSONValue, pretty: Bool = false) -> String {
        var utf8: [UInt8] = []
        write(value, into: &utf8, indent: pretty ? 0 : nil)
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Appends `value` to `utf8`. A number that is not finite (no JSON for it) is written as null.
    public static func write(_ value: JSONValue, into utf8: inout [UInt8]) {
        write(value, into: &utf8, indent: nil)
    }

    /// `indent` is the nesting depth when pretty-printing, nil for compact text.
    private static func write(_ value: JSONValue, into utf8: inout [UInt8], indent: Int?) {
        switch value {
        case .null: utf8.append(contentsOf: "null".utf8)
        case .bool(let flag): utf8.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): writeNumber(number, into: &utf8)
        case .string(let text): writeString(text, into: &utf8)
        case .array(let elements):
            utf8.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { utf8.append(UInt8(ascii: ",")) }
                newline(into: &utf8, indent.map { $0 + 1 })
                write(element, into: &utf8, indent: indent.map { $0 + 1 })
            }
            if !elements.isEmpty { newline(into: &utf8, indent) }
            utf8.append(UInt8(ascii: "]"))
        case .object(let members):
            utf8.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { utf8.append(UInt8(ascii: ",")) }
                newline(into: &utf8, indent.map { $0 + 1 })
                writeString(key, into: &utf8)
                utf8.append(UInt8(ascii: ":"))
                if indent != nil { utf8.append(UInt8(ascii: " ")) }
                write(members[key]!, into: &utf8, indent: indent.map { $0 + 1 })
            }
            if !members.isEmpty { newline(into: &utf8, indent) }
            utf8.append(UInt8(ascii: "}"))
        }
    }

    /// A line break and `depth` levels of two spaces when pretty-printing; nothing when compact.
    private static func newline(into utf8: inout [UInt8], _ depth: Int?) {
        guard let depth else { return }
        utf8.append(0x0A)
        utf8.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    private static func writeNumber(_ number: Double, into utf8: inout [UInt8]) {
        if !number.isFinite {
            utf8.append(contentsOf: "null".utf8)
        } else if number.rounded() == number, abs(number) < 9.0e15 {
            utf8.append(contentsOf: String(Int64(number)).utf8)
        } else {
            utf8.append(contentsOf: number.description.utf8)
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeString(_ text: String, into utf8: inout [UInt8]) {
        utf8.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    switch byte {
                    case 0x7F: appendUnicodeEscape(UInt32(byte), into: &utf8)
                    case UInt8(ascii: "\""): utf8.append(contentsOf: #"\""#.utf8)
                    case UInt8(ascii: "\\"): utf8.append(contentsOf: #"\\"#.utf8)
                    case 0x0A: utf8.append(contentsOf: #"\n"#.utf8)
                    case 0x0D: utf8.append(contentsOf: #"\r"#.utf8)
                    case 0x09: utf8.append(contentsOf: #"\t"#.utf8)
                    case 0x08: utf8.append(contentsOf: #"\b"#.utf8)
                    case 0x0C: utf8.append(contentsOf: #"\f"#.utf8)
                    case 0..<0x20: appendUnicodeEscape(UInt32(byte), into: &utf8)
                    default: utf8.append(byte)
                    }
                    index += 1
                    continue
                }
                // A String is valid UTF-8: the lead byte says how long the sequence is.
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                // Only these lead bytes start a character TerminalText escapes (U+0080-U+009F, U+061C,
                // U+180E, U+20xx, U+FExx/U+FFxx); every other sequence is copied without decoding.
                if byte == 0xC2 || byte == 0xD8 || byte == 0xE1 || byte == 0xE2 || byte == 0xEF {
                    var value = UInt32(byte) & (length == 2 ? 0x1F : 0x0F)
                    for next in bytes[(index + 1)..<(index + length)] { value = value << 6 | UInt32(next & 0x3F) }
                    if let scalar = Unicode.Scalar(value), TerminalText.isEscaped(scalar) {
                        appendUnicodeEscape(value, into: &utf8)
                        index += length
                        continue
                    }
                }
                utf8.append(contentsOf: bytes[index..<(index + length)])
                index += length
            }
        }
        utf8.append(UInt8(ascii: "\""))
    }

    /// `\uXXXX` for a code point in the Basic Multilingual Plane.
    private static func appendUnicodeEscape(_ value: UInt32, into utf8: inout [UInt8]) {
        utf8.append(contentsOf: #"\u"#.utf8)
        for shift in [12, 8, 4, 0] { utf8.append(hexDigits[Int((value >> UInt32(shift)) & 0x0F)]) }
    }
}
