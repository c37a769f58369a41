import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// Issue 16, item 20's smaller things that are not a screen's snapshot: a model name cut in its
/// middle, the too-small message on one line, an answer's start as the items screen shows it, and
/// wrapped JSON that keeps its indent.
@Suite struct SmallerThingsTests {
    typealias F = Fixtures

    @Test func longModelNamesKeepTheirEnd() {
        #expect(TextWidth.truncateMiddle("llama-3.1-70b-instruct-q4", to: 23) == "llama-3.1-…-instruct-q4")
        #expect(TextWidth.truncateMiddle("llama-3.1-8b-instruct", to: 16) == "llama-…-instruct")
        // An end that would start inside a word starts at a dash; the start takes the columns.
        #expect(TextWidth.truncateMiddle("mistral-small-latest", to: 17) == "mistral-s…-latest")
        // No dash to cut back to: characters from both ends, the end getting the odd column.
        #expect(TextWidth.truncateMiddle("abcdefghijklmnopqrstuvwxyz", to: 12) == "abcde…uvwxyz")
        // What fits is left alone; below 12 columns the end is cut.
        #expect(TextWidth.truncateMiddle("gpt-4o-mini", to: 11) == "gpt-4o-mini")
        #expect(TextWidth.truncateMiddle("gpt-4o-mini", to: 9) == "gpt-4o-m…")
        // Wide characters are never split: 2 columns each.
        #expect(TextWidth.truncateMiddle("模型名称很长的模型-q4", to: 12) == "模型名称…-q4")
    }

    @Test(arguments: [(59, 14), (50, 12), (40, 10), (25, 6), (12, 3), (5, 2), (3, 1)])
    func theTooSmallMessageIsOneLineThatFits(width: Int, height: Int) {
        let text = renderPlainText(render(F.loaded(F.mixed), width: width, height: height))
        let lines = text.split(separator: "\n").filter { !$0.allSatisfy { $0 == " " } }
        #expect(lines.count == 1, "\(text)")
        let line = String(lines.first ?? "").trimmingCharacters(in: .whitespaces)
        #expect(TextWidth.of(line) <= width)
        // It always names the size it needs, whole.
        #expect(line.contains(width >= 5 ? "60x15" : "60x"), "\(line)")
        if width >= 42 { #expect(line == "terminal too small: need 60x15, have \(width)x\(height)") }
        if (22...32).contains(width) { #expect(line == "need 60x15, have \(width)x\(height)") }
    }

    @Test func anAnswersStartIsOneLineOfAtMost160Characters() {
        #expect(ItemSummary.answerStart("Paris.\n\nIt is the capital\tof France.  ") == "Paris. It is the capital of France.")
        #expect(ItemSummary.answerStart(String(repeating: "ab ", count: 100))?.count == 160)
        #expect(ItemSummary.answerStart(nil) == nil)
        // From a result: the first choice's message content, as `batches results` shows it.
        let summary = ItemSummary(F.okResult("doc-1"), span: ByteSpan(offset: 0, length: 1))
        #expect(summary.answerStart == "ok")
    }

    /// A JSON line longer than the width wraps with its continuation at its own indent.
    @Test func wrappedJSONKeepsItsIndent() {
        let line = "    \"content\" : \"" + String(repeating: "word ", count: 12) + "\""
        #expect(ItemBodyText.indentedLines(line, width: 40) == [
            "    \"content\" : \"word word word word",
            "    word word word word word word word",
            "    word \"",
        ])
        // A line that fits, or one indented more than half the width, is as before.
        #expect(ItemBodyText.indentedLines("  \"a\" : 1", width: 40) == ["  \"a\" : 1"])
    }
}
