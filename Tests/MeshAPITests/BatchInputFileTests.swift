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
}
