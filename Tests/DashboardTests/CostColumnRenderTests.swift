import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// Issue 16 item 21 on screen: the COST column and today's total in the header.
@Suite struct CostColumnRenderTests {
    @Test func costColumnAndTodaysTotal() throws {
        let results = [Fixtures.okResult("a", tokens: 1_000_010), Fixtures.okResult("b", tokens: 1_000_010)]
        let done = Fixtures.batch(1, status: .completed, total: 2, completed: 2, model: "openai/gpt-4o-mini",
                                  project: "priced", results: results)
        let running = Fixtures.batch(2, model: "openai/gpt-4o-mini", project: "running")
        var state = Fixtures.loaded([done, running], width: 120, height: 40)
        _ = reduce(&state, .modelsLoaded([CostEstimatorTests.mini], epoch: state.poll.epoch))
        let text = renderPlainText(render(state, width: 120, height: 40))
        let lines = text.split(separator: "\n").map(String.init)
        // 2,000,000 prompt tokens at $0.075/M and 20 completion tokens at $0.30/M: $0.150006.
        let priced = try #require(lines.first { $0.contains("priced") })
        #expect(priced.contains("  $0.15 priced"), "\(priced)")
        let unpriced = try #require(lines.first { $0.contains("running") })
        #expect(unpriced.contains("      - running"), "no results yet: \(unpriced)")
        #expect(lines[2].contains("ETA    COST PROJECT"), "\(lines[2])")
        #expect(lines[1].contains("2 shown · today $0.15 (1 unknown)"), "\(lines[1])")
        // Too narrow for it: no column, no cut figure.
        let narrow = renderPlainText(render(state, width: 80, height: 24))
        #expect(!narrow.contains("COST") && !narrow.contains("$0.15 priced"), "\(narrow)")
    }
}
