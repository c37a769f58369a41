import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// A completed batch whose items failed does not read as a success (issue 16, item 10).
@Suite struct CompletedWithFailuresTests {
    typealias F = Fixtures

    @Test func everyItemFailedIsMarkedAsAFailure() {
        let allFailed = F.batch(1, status: .completed, total: 40, completed: 0, failed: 40)
        let many = F.batch(2, status: .completed, total: 40, completed: 30, failed: 10)
        let few = F.batch(3, status: .completed, total: 40, completed: 39, failed: 1)
        let screen = render(F.loaded([allFailed, many, few]), width: 120, height: 40)
        let rows = renderPlainText(screen).split(separator: "\n")
        func row(_ batch: Batch) -> String { rows.first { $0.contains(batch.id) }.map(String.init) ?? "" }
        #expect(row(allFailed).contains("✗ completed"), "\(row(allFailed))")
        #expect(row(many).contains("⚠ completed"), "\(row(many))")
        #expect(row(few).contains("✓ completed"), "\(row(few))")
        // The role drawn, not only the glyph: the all-failed row's status cell is the failed role.
        let y = rows.firstIndex { $0.contains(allFailed.id) }!
        #expect(screen.cells[y * screen.width + 2].role == .statusFailed)
    }
}
