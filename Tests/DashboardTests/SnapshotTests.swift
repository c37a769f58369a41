import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// Render snapshots: plain text plus a layer naming each span's role, in Snapshots/.
/// `MESHTOP_RECORD=1 swift test --filter DashboardTests` re-records, and fails so it is never left on.
@Suite struct SnapshotTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    func assertSnapshot(_ state: DashboardState, _ name: String, width: Int, height: Int,
                        sourceLocation: SourceLocation = #_sourceLocation) throws {
        var state = state
        _ = reduce(&state, .resize(width: width, height: height))
        let screen = render(state, width: width, height: height)
        let text = renderPlainText(screen) + "--- roles ---\n" + renderRoleLayer(screen)
        let url = Self.folder.appendingPathComponent("\(name)-\(width)x\(height).txt")
        if ProcessInfo.processInfo.environment["MESHTOP_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(url.lastPathComponent): unset MESHTOP_RECORD to compare", sourceLocation: sourceLocation)
            return
        }
        let expected = try? String(contentsOf: url, encoding: .utf8)
        #expect(expected != nil, "missing snapshot \(url.lastPathComponent): run with MESHTOP_RECORD=1", sourceLocation: sourceLocation)
        if let expected, expected != text {
            Issue.record("snapshot \(url.lastPathComponent) differs:\n\(text)", sourceLocation: sourceLocation)
        }
    }

    static let sizes: [(Int, Int)] = [(80, 24), (120, 40)]

    @Test func list() throws {
        var state = Fixtures.loaded(Fixtures.mixed)
        _ = reduce(&state, .balanceLoaded(12.5))
        for (w, h) in Self.sizes { try assertSnapshot(state, "list", width: w, height: h) }
    }

    @Test func detailFocusedOnCompletedBatch() throws {
        var state = Fixtures.loaded(Fixtures.mixed)
        _ = reduce(&state, .modelsLoaded([ModelInfo(id: "openai/gpt-4o-mini", name: "GPT-4o mini", provider: "openai",
            supportsBatching: true, pricing: ModelPricing(batchInputUSDPer1M: "0.075", batchOutputUSDPer1M: "0.30"))]))
        _ = reduce(&state, .key(.down))
        _ = reduce(&state, .key(.down))
        _ = reduce(&state, .key(.tab))
        for (w, h) in Self.sizes { try assertSnapshot(state, "detail", width: w, height: h) }
    }

    @Test func items() throws {
        var state = Fixtures.loaded(Fixtures.mixed)
        _ = reduce(&state, .key(.down))
        _ = reduce(&state, .key(.down))
        _ = reduce(&state, .key(.enter))
        for (w, h) in Self.sizes { try assertSnapshot(state, "items", width: w, height: h) }
    }

    @Test func itemsWhileRunning() throws {
        var state = Fixtures.loaded(Fixtures.mixed)
        _ = reduce(&state, .key(.enter))
        try assertSnapshot(state, "items-running", width: 80, height: 24)
    }

    @Test func itemBody() throws {
        var state = Fixtures.loaded(Fixtures.mixed)
        _ = reduce(&state, .key(.down))
        _ = reduce(&state, .key(.down))
        _ = reduce(&state, .key(.enter))
        let first = Fixtures.mixed[2].results![0]
        _ = reduce(&state, .key(.enter))
        _ = reduce(&state, .itemBodyLoaded(batchID: Fixtures.mixed[2].id, customID: first.customID, Fixtures.json(first)))
        for (w, h) in Self.sizes { try assertSnapshot(state, "item-body", width: w, height: h) }
    }

    @Test func help() throws {
        var state = Fixtures.loaded(Fixtures.mixed)
        _ = reduce(&state, .key(.character("?")))
        for (w, h) in Self.sizes { try assertSnapshot(state, "help", width: w, height: h) }
    }

    @Test func confirmDialog() throws {
        var state = Fixtures.loaded(Fixtures.mixed)
        _ = reduce(&state, .key(.character("c")))
        for (w, h) in Self.sizes { try assertSnapshot(state, "confirm-cancel", width: w, height: h) }
    }

    @Test func offline() throws {
        var state = Fixtures.loaded(Fixtures.mixed)
        let refused = MeshError(kind: .network, message: "connection refused")
        for attempt in 1...3 {
            _ = reduce(&state, .pollDue(at: Fixtures.at(Double(attempt * 10))))
            _ = reduce(&state, .listFailed(refused, at: Fixtures.at(Double(attempt * 10))))
        }
        _ = reduce(&state, .tick(now: Fixtures.at(33)))
        for (w, h) in Self.sizes { try assertSnapshot(state, "offline", width: w, height: h) }
    }

    @Test func fullQuota() throws {
        let batches = (1...10).map { Fixtures.batch($0, total: 100, completed: $0 * 10) }
        let state = Fixtures.loaded(batches)
        try assertSnapshot(state, "quota-full", width: 120, height: 40)
    }

    @Test func tooSmall() throws {
        let state = Fixtures.loaded(Fixtures.mixed)
        try assertSnapshot(state, "too-small", width: 50, height: 12)
        try assertSnapshot(state, "minimum", width: 60, height: 15)
    }
}

extension SnapshotTests {
    /// More batches than rows at 80 columns: the scroll position must not cover the ETA and PROJECT headings
    /// (it did, until the renderer learned to leave it out when it does not fit).
    @Test func scrolledListAt80ColumnsKeepsEveryHeading() throws {
        let state = Fixtures.loaded((1...30).map { Fixtures.batch($0) }, width: 80, height: 24)
        let screen = render(state, width: 80, height: 24)
        let heading = renderPlainText(screen).split(separator: "\n").first { $0.contains("STATUS") } ?? ""
        #expect(heading.contains("ETA"))
        #expect(heading.contains("PROJECT"))
        let wide = render(Fixtures.loaded((1...60).map { Fixtures.batch($0) }, width: 200, height: 40), width: 200, height: 40)
        #expect(renderPlainText(wide).contains(" of 60 "), "the position still shows where it fits")
    }

    /// The failed-only filter shows at 80 columns: it used to come last on the line and ran off it.
    @Test func failedOnlyFilterShowsOnANarrowLine() {
        var state = Fixtures.loaded(Fixtures.mixed, width: 80, height: 24)
        _ = reduce(&state, .key(.down))
        _ = reduce(&state, .key(.down))
        _ = reduce(&state, .key(.enter))
        _ = reduce(&state, .key(.character("f")))
        let summary = renderPlainText(render(state, width: 80, height: 24)).split(separator: "\n").first { $0.contains("completed ·") } ?? ""
        #expect(summary.contains("· failed only"), "\(summary)")
    }

    /// Ten active batches at 80 columns: the whole "full" warning shows, the endpoint gives way.
    @Test func fullQuotaWarningFitsAt80Columns() {
        let state = Fixtures.loaded((1...10).map { Fixtures.batch($0) }, width: 80, height: 24)
        let header = renderPlainText(render(state, width: 80, height: 24)).split(separator: "\n").first ?? ""
        #expect(header.contains("10/10 full: new batches are refused (429)"), "\(header)")
        #expect(header.contains(" work (htt"), "the endpoint keeps its start: \(header)")
    }

    /// Mesh's largest batches: the counts shorten instead of being cut off ("16269/50…" before).
    @Test func largeCountsFitTheProgressColumn() {
        let big = Fixtures.batch(1, total: 50_000, completed: 15_936, failed: 333)
        let almost = Fixtures.batch(2, total: 10_000, completed: 9_998, failed: 1)
        let text = renderPlainText(render(Fixtures.loaded([big, almost], width: 120, height: 30), width: 120, height: 30))
        #expect(text.contains(" 16.2k/50k ✗333 "), "\(text)")
        #expect(text.contains("▒  9999/10k ✗1 "), "\(text)")
    }
}
