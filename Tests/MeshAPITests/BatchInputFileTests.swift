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

/// CR LF line ends (files from Windows editors and Excel exports) read as LF ones (issue 15).
@Suite struct BatchInputFileLineEndTests {
    @Test func acceptsCRLFLineEnds() throws {
        let text = "{\"custom_id\": \"a\", \"body\": {\"model\": \"m\"}}\r\n\r\n{\"custom_id\": \"b\", \"body\": {\"model\": \"m\"}}\r\n"
        let requests = try BatchInputFile.parse(Data(text.utf8))
        #expect(requests.map(\.customID) == ["a", "b"])
    }

    /// Ids compared by code points, as Mesh compares them: NFC and NFD "café" are two ids.
    @Test func canonicallyEquivalentIdsAreDifferentIds() throws {
        let text = "{\"custom_id\": \"caf\u{E9}\", \"body\": {\"model\": \"m\"}}\n{\"custom_id\": \"cafe\u{301}\", \"body\": {\"model\": \"m\"}}\n"
        #expect(try BatchInputFile.parse(Data(text.utf8)).count == 2)
    }

    /// The same checks for a job, streamed from a file, with models mixed.
    @Test func theReaderStreamsAFileWithMixedModels() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reader-\(UUID().uuidString).jsonl")
        var text = ""
        for index in 0..<30_000 { text += "{\"custom_id\":\"i\(index)\",\"body\":{\"model\":\"m\(index % 3)\"}}\r\n" }
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var reader = BatchInputReader(oneModel: false)
        var models: [String: Int] = [:]
        var last = 0
        try reader.read(try FileHandle(forReadingFrom: url)) { line in
            models[line.model, default: 0] += 1
            #expect(line.lineNumber == last + 1)
            #expect(!line.text.hasSuffix("\r"))
            last = line.lineNumber
        }
        #expect(models == ["m0": 10_000, "m1": 10_000, "m2": 10_000])
    }
}
