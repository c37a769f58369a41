import Foundation
import MeshAPI
import Testing

/// `JSONValueParser` and `JSONValueWriter` against `JSONDecoder`/`JSONEncoder`: the same values
/// from the same text, and the same texts refused.
@Suite struct JSONValueParserTests {
    private func decoded(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    @Test(arguments: [
        #"{"a": [1, -2.5, 3e2, 0, -0, 1E-3, 12345678901234567, 0.1, 1.7976931348623157e308, 5e-324]}"#,
        #"  "esc \" \\ \/ \b \f \n \r \t \u0041 \u00e9 \u4e2d \ud83d\ude00 end"  "#,
        #"[true, false, null, {}, [], "", {"": ""}, [[[]]]]"#,
        "{\"raw\": \"é 東京 😀\"}",
        #"9007199254740993"#, #"-9999999999999999"#, #"123456789012345678901234567890"#,
        #"{"custom_id": "x", "body": {"model": "m", "messages": [{"role": "user", "content": "hi"}], "temperature": 0.7}}"#,
    ])
    func readsWhatJSONDecoderReads(text: String) throws {
        let expected = try #require(decoded(text), "JSONDecoder refused the fixture")
        #expect(try JSONValueParser.parse(text) == expected)
    }

    @Test(arguments: [
        "", " ", "{", "}", "[1 2]", #"{"a" 1}"#, #"{a: 1}"#, "01", "-", "1.", ".5", "1e", "+1",
        "1e400", "-1e400", "NaN", "Infinity", "tru", "nul", "[1] x", "// c\n1", #""\x""#, #""\u12""#, #""\ud83d""#,
        #""\ude00""#, #""\ud83d\u0041""#, "\"a\u{01}b\"", "\"tab\tin\"", #""open"#, "'single'", "[1,,2]", "{,}",
    ])
    func refusesWhatJSONDecoderRefuses(text: String) {
        #expect(decoded(text) == nil, "JSONDecoder accepted it, so the fixture proves nothing")
        #expect(throws: JSONParseError.self) { try JSONValueParser.parse(text) }
    }

    /// Where `JSONDecoder` is laxer than Mesh (a FastAPI server, reading with Python's json), the
    /// parser follows Mesh: no trailing commas, and a repeated key keeps its last value.
    @Test func followsMeshWhereJSONDecoderDiffers() throws {
        for text in ["[1,]", #"{"a":1,}"#] {
            #expect(throws: JSONParseError.self) { try JSONValueParser.parse(text) }
        }
        #expect(try JSONValueParser.parse(#"{"dup": 1, "dup": 2}"#) == .object(["dup": .number(2)]))
    }

    @Test func skipsAByteOrderMark() throws {
        #expect(try JSONValueParser.parse(Data([0xEF, 0xBB, 0xBF] + Array(#"{"a": 1}"#.utf8))) == .object(["a": .number(1)]))
        #expect(throws: JSONParseError.self) { try JSONValueParser.parse(Data([0xEF, 0xBB] + Array("1".utf8))) }
    }

    @Test func refusesInvalidUTF8() {
        for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22]] {
            #expect(throws: JSONParseError.self) { try JSONValueParser.parse(Data(bytes)) }
        }
    }

    @Test func saysWhereAndWhat() {
        #expect(throws: JSONParseError(offset: 8, reason: "expected a string key")) { try JSONValueParser.parse(#"{"a": 1,}"#) }
        #expect(throws: JSONParseError(offset: 4, reason: "unexpected text after the JSON value")) { try JSONValueParser.parse("[1] x") }
    }

    @Test func nestingIsBounded() throws {
        let deepest = String(repeating: "[", count: JSONValueParser.maxDepth) + String(repeating: "]", count: JSONValueParser.maxDepth)
        _ = try JSONValueParser.parse(deepest)
        let tooDeep = "[" + deepest + "]"
        #expect(throws: JSONParseError.self) { try JSONValueParser.parse(tooDeep) }
    }

    /// Random documents: encoded by `JSONEncoder`, read back by both; written by `JSONValueWriter`,
    /// read back the same.
    @Test func randomDocumentsRoundTrip() throws {
        var random = SeededGenerator(seed: 0x5EED)
        let encoder = JSONEncoder()
        for round in 0..<300 {
            let value = Self.randomValue(depth: 0, &random)
            let text = try encoder.encode(value)
            let expected = try JSONDecoder().decode(JSONValue.self, from: text)
            #expect(try JSONValueParser.parse(text) == expected, "round \(round): \(String(decoding: text, as: UTF8.self))")
            let written = JSONValueWriter.string(value)
            #expect(try JSONValueParser.parse(written) == expected, "round \(round): \(written)")
            #expect(decoded(written) == expected, "JSONDecoder reads the writer's text too")
            let pretty = JSONValueWriter.string(value, pretty: true)
            #expect(try JSONValueParser.parse(pretty) == expected, "round \(round) pretty: \(pretty)")
        }
    }

    /// DEL and C1 controls go out as `\u00XX` (JSON allows them raw, a terminal acts on them); the
    /// value read back is the same, and characters around them are untouched.
    @Test func writerEscapesDELAndC1Controls() throws {
        let value: JSONValue = .object(["m": .string("\u{9B}2J\u{7F}\u{80}é\u{A0}\u{9F}\u{1B}[31m日")])
        let written = JSONValueWriter.string(value)
        // U+00A0 (no-break space) is printable: it stays raw, as é and 日 do.
        #expect(written == #"{"m":"\u009b2J\u007f\u0080é"# + "\u{A0}" + #"\u009f\u001b[31m日"}"#)
        #expect(try JSONValueParser.parse(written) == value)
        #expect(written.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) })
    }

    /// Bidi controls, the separators and invisible format characters go out as `\uXXXX` too (valid
    /// JSON, the same value), every one `TerminalText` escapes; ZWJ, accents and emoji stay raw.
    @Test func writerEscapesBidiAndInvisibleFormatCharacters() throws {
        let text = "evil\u{202E}gnp.exe\u{2066}x\u{2069}\u{200E}\u{200F}\u{61C}\u{2028}\u{2029}\u{200B}\u{FEFF}👨\u{200D}👩 é"
        let value: JSONValue = .object(["m": .string(text)])
        let written = JSONValueWriter.string(value)
        #expect(written == #"{"m":"evil\u202egnp.exe\u2066x\u2069\u200e\u200f\u061c\u2028\u2029\u200b\ufeff"# + "👨\u{200D}👩 é\"}")
        #expect(try JSONValueParser.parse(written) == value)
        // Every escaped scalar of the BMP, one at a time: none comes out raw, each reads back.
        for code in UInt32(0x80)...0xFFFF {
            guard let scalar = Unicode.Scalar(code) else { continue }
            let one = JSONValueWriter.string(.string(String(Character(scalar))))
            #expect(one.unicodeScalars.contains(scalar) == !TerminalText.isEscaped(scalar), "U+\(String(code, radix: 16))")
            #expect(try JSONValueParser.parse(one) == .string(String(Character(scalar))))
        }
    }

    @Test func prettyWriterIndentsByTwoSpaces() {
        let value: JSONValue = .object(["b": .array([.number(1), .object([:])]), "a": .array([]), "c": .null])
        #expect(JSONValueWriter.string(value, pretty: true) == """
            {
              "a": [],
              "b": [
                1,
                {}
              ],
              "c": null
            }
            """)
    }

    @Test func writerSortsKeysAndEscapes() {
        let value: JSONValue = .object(["b": .number(2), "a": .string("q\"\\/\n\u{01}é"), "c": .number(0.5), "d": .number(-3)])
        #expect(JSONValueWriter.string(value) == #"{"a":"q\"\\/\n\u0001é","b":2,"c":0.5,"d":-3}"#)
    }

    private static func randomValue(depth: Int, _ random: inout SeededGenerator) -> JSONValue {
        let kind = depth > 4 ? Int.random(in: 0..<4, using: &random) : Int.random(in: 0..<6, using: &random)
        switch kind {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2:
            switch Int.random(in: 0..<4, using: &random) {
            case 0: return .number(Double(Int.random(in: -1_000_000...1_000_000, using: &random)))
            case 1: return .number(Double.random(in: -1e6...1e6, using: &random))
            case 2: return .number(Double(sign: .plus, exponent: Int.random(in: -300...300, using: &random),
                                          significand: Double.random(in: 1..<2, using: &random)))
            default: return .number(Double(Int64.random(in: -(1 << 53)...(1 << 53), using: &random)))
            }
        case 3: return .string(randomString(&random))
        case 4: return .array((0..<Int.random(in: 0..<5, using: &random)).map { _ in randomValue(depth: depth + 1, &random) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0..<5, using: &random) { members[randomString(&random)] = randomValue(depth: depth + 1, &random) }
            return .object(members)
        }
    }

    private static let alphabet: [Character] = Array("aZ09 \"\\/\n\t\r\u{08}\u{0C}\u{01}\u{1F}\u{7F}\u{85}\u{9B}é東😀\u{2028}\u{FEFF}")

    private static func randomString(_ random: inout SeededGenerator) -> String {
        String((0..<Int.random(in: 0..<12, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
    }
}
