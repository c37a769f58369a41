/// Writes a `JSONValue` as JSON text: keys sorted, slashes unescaped, whole numbers without a
/// fraction (as `JSONValue.encode` writes them); compact, or indented by two spaces for people.
/// The counterpart of `JSONValueParser`, for the same reason: `JSONEncoder` goes through a
/// container and a type check for every node. It is also the scripting commands' `--json` and
/// `--jsonl` printer.
///
/// Besides what JSON requires (`"`, `\\` and U+0000-U+001F), DEL and the C1 controls
/// (U+007F-U+009F) are written as `\u00XX`: JSON allows them raw, but raw they reach a terminal
/// when `--json` is printed to one (U+009B is a CSI, as ESC [ is). The value read back is the same.
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
        var afterC2 = false
        for byte in text.utf8 {
            // U+0080-U+009F are 0xC2 0x80-0x9F in UTF-8: the 0xC2 is held back one byte.
            if afterC2 {
                afterC2 = false
                if byte >= 0x80 && byte <= 0x9F {
                    appendUnicodeEscape(byte, into: &utf8)
                    continue
                }
                utf8.append(0xC2)
            }
            switch byte {
            case 0xC2: afterC2 = true
            case 0x7F: appendUnicodeEscape(byte, into: &utf8)
            case UInt8(ascii: "\""): utf8.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): utf8.append(contentsOf: #"\\"#.utf8)
            case 0x0A: utf8.append(contentsOf: #"\n"#.utf8)
            case 0x0D: utf8.append(contentsOf: #"\r"#.utf8)
            case 0x09: utf8.append(contentsOf: #"\t"#.utf8)
            case 0x08: utf8.append(contentsOf: #"\b"#.utf8)
            case 0x0C: utf8.append(contentsOf: #"\f"#.utf8)
            case 0..<0x20: appendUnicodeEscape(byte, into: &utf8)
            default: utf8.append(byte)
            }
        }
        if afterC2 { utf8.append(0xC2) }
        utf8.append(UInt8(ascii: "\""))
    }

    /// `\u00XX` for a code point below U+0100.
    private static func appendUnicodeEscape(_ value: UInt8, into utf8: inout [UInt8]) {
        utf8.append(contentsOf: #"\u00"#.utf8)
        utf8.append(hexDigits[Int(value >> 4)])
        utf8.append(hexDigits[Int(value & 0x0F)])
    }
}
