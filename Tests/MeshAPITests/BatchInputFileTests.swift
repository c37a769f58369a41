import Foundation
import MeshAPI
import Testing

/// The local check `meshtop batches create` runs before sending anything.
@Suite struct BatchInputFileTests {
    @Test func acceptsBothLineShapesAndBlankLines() throws {
        let text = """
            {"custom_id": "a", "body": {"model": "m", "messages": []}}

            {"custom_id": "b", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "m"}}
            """
        let requests = try BatchInputFile.parse(Data(text.utf8))
        #expect(requests.map(\.customID) == ["a", "b"])
        #expect(requests.allSatisfy { $0.method == "POST" && $0.url == "/v1/chat/completions" })
    }

    @Test(arguments: [
        ("", nil as Int?, "empty"),
        ("[1]", 1, "expected a JSON object"),
        (#"{"custom_id": "a", "body": {"model": "m"}, "url": "/v1/embeddings"}"#, 1, "url must be"),
        (#"{"custom_id": "a", "body": {"model": "m"}, "method": "GET"}"#, 1, "method must be POST"),
        (#"{"custom_id": "a", "body": {"messages": []}}"#, 1, "body.model"),
        (#"{"custom_id": "", "body": {"model": "m"}}"#, 1, "custom_id"),
    ])
    func refuses(text: String, line: Int?, message: String) {
        let error = #expect(throws: BatchInputError.self) { try BatchInputFile.parse(Data(text.utf8)) }
        #expect(error?.line == line)
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }

    /// As the server: canonically equivalent custom_ids (NFC/NFD, Kelvin sign/K) are two ids, the
    /// same code points twice are one; 64 is counted in code points, not graphemes.
    @Test func customIDsCompareAndCountByCodePoints() throws {
        func line(_ id: String) -> String {
            String(decoding: JSONValueWriter.string(.object(["custom_id": .string(id), "body": .object(["model": .string("m")])])).utf8,
                   as: UTF8.self)
        }
        let equivalent = ["caf\u{E9}", "cafe\u{301}", "\u{212A}", "K"].map(line).joined(separator: "\n")
        #expect(try BatchInputFile.parse(Data(equivalent.utf8)).map { Array($0.customID.utf8) }
            == ["caf\u{E9}", "cafe\u{301}", "\u{212A}", "K"].map { Array($0.utf8) })
        let twice = [line("cafe\u{301}"), line("cafe\u{301}")].joined(separator: "\n")
        let duplicate = #expect(throws: BatchInputError.self) { try BatchInputFile.parse(Data(twice.utf8)) }
        #expect(duplicate?.line == 2 && duplicate?.message.contains("duplicate custom_id") == true)
        let long = line(String(repeating: "e\u{301}", count: 33))
        let tooLong = #expect(throws: BatchInputError.self) { try BatchInputFile.parse(Data(long.utf8)) }
        #expect(tooLong?.message.contains("longer than 64") == true)
        #expect(try BatchInputFile.parse(Data(line(String(repeating: "e\u{301}", count: 32)).utf8)).count == 1)
    }
}
