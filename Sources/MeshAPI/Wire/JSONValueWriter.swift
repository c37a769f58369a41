/// Writes a `JSONValue` as compact JSON text: keys sorted, slashes unescaped, whole numbers
/// without a fraction (as `JSONValue.encode` writes them). The counterpart of `JSONValueParser`,
/// for the same reason: `JSONEncoder` goes through a container and a type check for every node.
public enum JSONValueWriter {
    public static func string(_ value: JSONValue) -> String {
        var utf8: [UInt8] = []
        write(value, into: &utf8)
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Appends `value` to `utf8`. A number that is not finite (no JSON for it) is written as null.
    public static func write(_ value: JSONValue, into utf8: inout [UInt8]) {
        switch value {
        case .null: utf8.append(contentsOf: "null".utf8)
        case .bool(let flag): utf8.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): writeNumber(number, into: &utf8)
        case .string(let text): writeString(text, into: &utf8)
        case .array(let elements):
            utf8.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { utf8.append(UInt8(ascii: ",")) }
                write(element, into: &utf8)
            }
            utf8.append(UInt8(ascii: "]"))
        case .object(let members):
            utf8.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { utf8.append(UInt8(ascii: ",")) }
                writeString(key, into: &utf8)
                utf8.append(UInt8(ascii: ":"))
                write(members[key]!, into: &utf8)
            }
            utf8.append(UInt8(ascii: "}"))
        }
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
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): utf8.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): utf8.append(contentsOf: #"\\"#.utf8)
            case 0x0A: utf8.append(contentsOf: #"\n"#.utf8)
            case 0x0D: utf8.append(contentsOf: #"\r"#.utf8)
            case 0x09: utf8.append(contentsOf: #"\t"#.utf8)
            case 0x08: utf8.append(contentsOf: #"\b"#.utf8)
            case 0x0C: utf8.append(contentsOf: #"\f"#.utf8)
            case 0..<0x20:
                utf8.append(contentsOf: #"\u00"#.utf8)
                utf8.append(hexDigits[Int(byte >> 4)])
                utf8.append(hexDigits[Int(byte & 0x0F)])
            default: utf8.append(byte)
            }
        }
        utf8.append(UInt8(ascii: "\""))
    }
}
