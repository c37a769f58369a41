import Foundation
import MeshAPI
import Testing

/// `JSONValueParser.parse(_:streamingArrayAt:element:)`: the stand-in reads a create's `requests`
/// element by element. The elements must be exactly what `parse` would have put in the array, and
/// the rest of the document must be untouched.
@Suite struct JSONValueParserStreamingTests {
    private struct Streamed {
        var root: JSONValue
        var count: Int?
        var elements: [(Int, JSONValue)]
        var verbatim: [String?]
    }

    private func streamed(_ text: String, key: String = "requests", verbatimMember: String? = nil) throws -> Streamed {
        var elements: [(Int, JSONValue)] = []
        var verbatim: [String?] = []
        let bytes = Data(text.utf8)
        let (root, count) = try bytes.withUnsafeBytes { buffer in
            try JSONValueParser.parse(buffer, streamingArrayAt: key, verbatimMember: verbatimMember) {
                elements.append(($0.index, $0.value))
                verbatim.append($0.verbatimMember)
            }
        }
        return Streamed(root: root, count: count, elements: elements, verbatim: verbatim)
    }

    @Test func elementsAreWhatTheWholeParseHolds() throws {
        let text = #"{"metadata": {"requests": [9]}, "requests": [{"a": 1}, [2, {"requests": []}], "three", null], "z": true}"#
        let whole = try JSONValueParser.parse(text)
        let result = try streamed(text)
        #expect(result.count == 4)
        #expect(result.elements.map(\.0) == [0, 1, 2, 3])
        #expect(result.elements.map(\.1) == whole["requests"]?.arrayValue)
        // Everything else as `parse` reads it; nested members of the same name are not streamed.
        var expectedRoot = try #require(whole.objectValue)
        expectedRoot["requests"] = .array([])
        #expect(result.root == .object(expectedRoot))
    }

    @Test func aMissingOrNonArrayMemberIsNotStreamed() throws {
        let missing = try streamed(#"{"other": [1, 2]}"#)
        #expect(missing.count == nil && missing.elements.isEmpty)
        #expect(missing.root == .object(["other": .array([.number(1), .number(2)])]))
        let text = try streamed(#"{"requests": "x"}"#)
        #expect(text.count == nil && text.root == .object(["requests": .string("x")]))
        let empty = try streamed(#"{"requests": []}"#)
        #expect(empty.count == 0 && empty.elements.isEmpty)
        // Not an object at the top: nothing to stream, the value as it came.
        let array = try streamed(#"[{"requests": [1]}]"#)
        #expect(array.count == nil && array.root == .array([.object(["requests": .array([.number(1)])])]))
    }

    /// The last of repeated keys counts, as in `parse`: a later array starts at index 0 again, and
    /// a later value that is not an array clears the count.
    @Test func aRepeatedKeyKeepsItsLastValue() throws {
        let twice = try streamed(#"{"requests": [1, 2, 3], "requests": [4]}"#)
        #expect(twice.count == 1)
        #expect(twice.elements.map(\.0) == [0, 1, 2, 0])
        let replaced = try streamed(#"{"requests": [1, 2], "requests": 5}"#)
        #expect(replaced.count == nil && replaced.root == .object(["requests": .number(5)]))
    }

    @Test func brokenTextIsRefusedAsByParse() {
        for text in [#"{"requests": [1, 2"#, #"{"requests": [1,]}"#, #"{"requests": [1] "#, #"{"requests": [01]}"#] {
            #expect(throws: JSONParseError.self) { try streamed(text) }
            #expect(throws: JSONParseError.self) { try JSONValueParser.parse(text) }
        }
    }

    /// The verbatim member is the element's own member, byte for byte: what a create stores and
    /// sends upstream, with its key order, spacing, number spelling and escapes.
    @Test func aVerbatimMemberKeepsItsTextAsItCame() throws {
        let body = #"{ "z": 1, "model" : "m", "seed": 12345678901234567890, "x": 1.50, "s": "\u00e9\n" }"#
        let text = #"{"requests": [{"body": \#(body), "custom_id": "a"}, {"custom_id": "b", "x": {"body": 2}}, [{"body": 3}], 4, {"body": 5, "body": [6]}], "body": 7}"#
        let result = try streamed(text, verbatimMember: "body")
        #expect(result.verbatim == [body, nil, nil, nil, "[6]"], "only an element's own member, the last when repeated")
        #expect(try JSONValueParser.parse(try #require(result.verbatim[0])) == result.elements[0].1["body"])
    }
}
