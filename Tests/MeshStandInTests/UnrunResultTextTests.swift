import Foundation
import MeshAPI
import Testing
@testable import MeshStandIn

/// The result text of a request that never ran is built from one encoded template: for any
/// custom id it must read back exactly as the encoded `BatchResult` would.
@Suite struct UnrunResultTextTests {
    @Test(arguments: ["doc-1", "", #"quote " and \ backslash"#, "tab\tnew\nline\u{01}\u{7F}\u{85}", "é 東京 😀 e\u{301}",
                      "</script>", #"{"custom_id":""}"#, String(repeating: "x", count: 64)])
    func readsBackAsTheEncodedResult(id: String) throws {
        let text = try BatchStore.unrunResultText(code: "batch_cancelled", message: #"Cancelled "before" it ran."#)(id)
        let expected = BatchResult(customID: id, response: nil,
                                   error: ItemError(code: "batch_cancelled", message: #"Cancelled "before" it ran."#))
        let decoded = try JSONDecoder().decode(BatchResult.self, from: Data(text.utf8))
        #expect(decoded == expected)
        #expect(try JSONValueParser.parse(text) == JSONValueParser.parse(JSONText.string(expected)), "same members, nothing extra")
    }
}
