import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// With `n: 2` the body shows each choice, not only the first (issue 15).
@Suite struct EveryChoiceTests {
    @Test func twoChoicesAreBothShown() throws {
        let text = #"{"custom_id":"a","response":{"status_code":200,"body":{"choices":[{"message":{"content":"first answer"}},{"message":{"content":"second\nanswer"}}]}}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        let content = ItemBodyContent(value)
        #expect(content.headlineLabel == "answers (2 choices)")
        #expect(content.headlineLines == ["choice 1 of 2:", "first answer", "", "choice 2 of 2:", "second", "answer"])
        let one = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"response":{"body":{"choices":[{"message":{"content":"only"}}]}}}"#.utf8))
        #expect(ItemBodyContent(one).headlineLabel == "answer" && ItemBodyContent(one).headlineLines == ["only"])
    }
}
