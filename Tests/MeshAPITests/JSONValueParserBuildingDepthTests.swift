import Foundation
import MeshAPI
import Testing

/// `JSONValueParser.parse(_:buildingDepth:)`, the shallow read `jobs run` checks 200,000 request
/// lines with: every check of the whole read, at the same offset with the same words, only the
/// deeper containers not built.
@Suite struct JSONValueParserBuildingDepthTests {
    /// Each fault sits below the built levels (inside `body.messages`), where the shallow read
    /// only checks, and one of each at the top for good measure.
    @Test(arguments: [
        #"{"custom_id": "a", "body": {"model": "m", "messages": [{"role": "user", "content": "hi"},]}}"#,
        #"{"custom_id": "a", "body": {"model": "m", "messages": [{"role" "user"}]}}"#,
        #"{"custom_id": "a", "body": {"model": "m", "messages": [{role: "user"}]}}"#,
        #"{"custom_id": "a", "body": {"model": "m", "messages": [{"content": "\x"}]}}"#,
        #"{"custom_id": "a", "body": {"model": "m", "messages": [{"content": "\u12"}]}}"#,
        #"{"custom_id": "a", "body": {"model": "m", "messages": [{"content": "\ud83d"}]}}"#,
        #"{"custom_id": "a", "body": {"model": "m", "messages": [{"content": "\ude00 low"}]}}"#,
        #"{"custom_id": "a", "body": {"model": "m", "messages": [{"content": "\ud83d\u0041"}]}}"#,
        "{\"custom_id\": \"a\", \"body\": {\"model\": \"m\", \"messages\": [{\"content\": \"a\u{01}b\"}]}}",
        #"{"custom_id": "a", "body": {"model": "m", "messages": [{"content": "open}]}}"#,
        #"{"custom_id": "a", "body": {"model": "m", "messages": [[1e400]]}}"#,
        #"{"custom_id": "a", "body": {"model": "m", "messages": [[01]]}}"#,
        #"{"custom_id": "a", "body": {"model": "m", "messages": [[1.]]}}"#,
        #"{"custom_id": "a", "body": {"model": "m", "messages": [[tru]]}}"#,
        #"{"custom_id": "a", "body": {"model": "m", "messages": [[1 2]]}}"#,
        #"{"custom_id": "a", "body": {"model": "m", "messages": [{,}]}}"#,
        #"{"custom_id": "a", "body": {"model": "m", "messages": [{"a": 1}"#,
        #"{"custom_id": "a", "body": {"model": "m"}} x"#,
        #"{"custom_id": "\x", "body": {}}"#,
        "{\"body\": {\"deep\": " + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}}",
    ])
    func refusesWithTheSameErrorAsTheWholeRead(text: String) {
        let whole = #expect(throws: JSONParseError.self) { try JSONValueParser.parse(text) }
        let shallow = #expect(throws: JSONParseError.self) { try JSONValueParser.parse(text, buildingDepth: 2) }
        #expect(whole != nil && shallow == whole, "whole: \(String(describing: whole)), shallow: \(String(describing: shallow))")
    }

    @Test func buildsTheOuterLevelsAndLeavesDeeperContainersEmpty() throws {
        let text = #"{"custom_id": "a\u00e9", "body": {"model": "m", "max_tokens": 64, "stop": "x", "messages": [{"role": "user", "content": "hi \ud83d\ude00"}], "extra": {"k": [1]}}, "method": "POST"}"#
        let whole = try JSONValueParser.parse(text)
        let shallow = try JSONValueParser.parse(text, buildingDepth: 2)
        #expect(shallow["custom_id"] == whole["custom_id"])
        #expect(shallow["method"] == whole["method"])
        for key in ["model", "max_tokens", "stop"] { #expect(shallow["body"]?[key] == whole["body"]?[key]) }
        #expect(shallow["body"]?["messages"] == .array([]))
        #expect(shallow["body"]?["extra"] == .object([:]))
        #expect(try JSONValueParser.parse(text, buildingDepth: .max) == whole)
    }
}

/// `BatchInputReader(keepsValues: false)`, as `jobs run` and `batches retry` read: the same lines
/// (text, id, model) and the same refusals, word for word, as the reader `batches create` uses.
@Suite struct BatchInputReaderShallowTests {
    private func read(_ text: String, keepsValues: Bool) -> (lines: [CheckedInputLine], error: BatchInputError?) {
        var reader = BatchInputReader(oneModel: false, keepsValues: keepsValues)
        var lines: [CheckedInputLine] = []
        do {
            try reader.read(Data(text.utf8)) { lines.append($0) }
            return (lines, nil)
        } catch {
            return (lines, error as? BatchInputError)
        }
    }

    @Test(arguments: [
        "{\"custom_id\": \"a\", \"body\": {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}}\r\n{\"custom_id\": \"b\", \"method\": \"post\", \"url\": \"/v1/chat/completions\", \"body\": {\"model\": \"n\", \"messages\": [{\"content\": \"\\u00e9 \\\"q\\\"\"}], \"n\": 12345678901234567890}}\n",
        "{\"custom_id\": \"a\", \"body\": {\"model\": \"m\", \"messages\": [{\"content\": \"x\",}]}}",
        "{\"custom_id\": \"a\", \"body\": {\"model\": \"m\"}}\n{\"custom_id\": \"a\", \"body\": {\"model\": \"m\"}}",
        "{\"custom_id\": \"a\", \"body\": {\"messages\": [[[]]]}}",
        "{\"custom_id\": \"a\", \"body\": [{\"model\": \"m\"}]}",
        "{\"custom_id\": \"a\", \"method\": \"GET\", \"body\": {\"model\": \"m\", \"messages\": [1e999]}}",
        "\n\n  {\"custom_id\": \"a\", \"body\": {\"model\": \"m\", \"messages\": []}}  \n\n",
        "{\"custom_id\": \"a\", \"body\": {\"model\": \"m\"}}\n[\"not an object\"]",
    ])
    func readsAsTheWholeReaderReads(text: String) {
        let whole = read(text, keepsValues: true)
        let shallow = read(text, keepsValues: false)
        #expect(shallow.error == whole.error, "whole: \(String(describing: whole.error)), shallow: \(String(describing: shallow.error))")
        #expect(shallow.lines.map(\.text) == whole.lines.map(\.text))
        #expect(shallow.lines.map(\.customID) == whole.lines.map(\.customID))
        #expect(shallow.lines.map(\.model) == whole.lines.map(\.model))
        #expect(shallow.lines.map(\.lineNumber) == whole.lines.map(\.lineNumber))
        #expect(shallow.lines.allSatisfy { $0.value == nil } && whole.lines.allSatisfy { $0.value != nil })
    }
}
