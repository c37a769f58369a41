import Foundation
import MeshAPI
import MeshtopTestSupport
import Testing

/// Issue 16 item 1: the bars as a terminal draws them. A full block in reverse video paints the cell
/// in the background colour, so a finished batch's bar looked empty in xterm while the text capture
/// read "██████". These read the attributes tmux drew (`capture-pane -e`), in colour and without.
@Suite(.serialized) struct BarCellsEndToEndTests {
    /// The block glyphs the bars and the slots gauge draw: none may ever be drawn in reverse video.
    static let blocks: Set<Character> = ["█", "▓", "▒", "░", "■"]

    /// The way each look is asked for, and whether it has colours.
    static let looks: [(name: String, arguments: String, colour: Bool)] = [
        ("default", "", true),
        ("dark", "--theme dark", true),
        ("no-color", "--no-color", false),
        ("monochrome", "--theme monochrome", false),
    ]

    /// Ten running batches (every slot taken, so the gauge is full) and a finished one, selected, in
    /// every look: no block cell is reversed, the finished bar is whole, colours only where asked.
    @Test(.timeLimit(.minutes(4)))
    func barsAreGlyphsOnTheNormalBackgroundInEveryLook() async throws {
        let standIn = RestartableStandIn(speed: 1)
        try await standIn.start()
        do {
            let client = standIn.client()
            let done = try await client.createBatch(RestartableStandIn.request(size: 6, model: "openai/gpt-4o-mini", project: "e2e-bars-done"))
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, try await client.getBatch(id: done.id).status?.isTerminal != true {
                try await Task.sleep(for: .milliseconds(300))
            }
            for index in 0..<10 {
                _ = try await client.createBatch(RestartableStandIn.request(size: 2000, model: "openai/gpt-4o-mini", project: "e2e-bars-\(index)"))
            }
            await client.shutdown()
            for look in Self.looks {
                try await check(look, standIn: standIn)
            }
        } catch {
            await standIn.stop()
            throw error
        }
        await standIn.stop()
    }

    private func check(_ look: (name: String, arguments: String, colour: Bool), standIn: RestartableStandIn) async throws {
        let pane = try await DashboardDriver.launch(baseURL: standIn.baseURL, arguments: "--interval 0.5 \(look.arguments)").pane
        defer { pane.kill() }
        try await pane.waitFor("the finished batch and a full quota (\(look.name))") {
            $0.contains("e2e-bars-done") && $0.contains("e2e-bars-9") && $0.contains("10/10")
        }
        // The oldest batch is the last row: select it, so its bar sits inside the selection highlight.
        await pane.send("G")
        try await pane.waitFor("the finished batch selected (\(look.name))") {
            DashboardDriver.selectedLine($0).contains("e2e-bars-done")
        }
        let styled = await pane.captureStyled()
        let blockCells = styled.cells(showing: Self.blocks)
        let reversed = blockCells.filter(\.cell.reverse)
        #expect(reversed.isEmpty, """
            \(look.name): \(reversed.count) block cells in reverse video, which paints them in the background colour: \
            lines \(Set(reversed.map(\.line)).sorted().map { styled.text(of: $0) })
            """)
        // The finished batch's bar: one cell per item, each succeeded or failed, none still to do.
        let row = try #require(styled.lines.indices.first { styled.text(of: $0).hasPrefix("›") }, "no selected row")
        let bar = styled.lines[row].filter { Self.blocks.contains($0.character) }
        #expect(bar.count == 6, "\(look.name): the finished bar has \(bar.count) block cells: \(styled.text(of: row))")
        // The slots gauge in the header: ten filled cells.
        let gauge = styled.lines[0].filter { $0.character == "■" }
        #expect(gauge.count == 10, "\(look.name): the header's gauge: \(styled.text(of: 0))")
        for (line, cell) in blockCells {
            if look.colour {
                #expect(cell.foreground != nil, "\(look.name): a block cell in the default colour: \(styled.text(of: line))")
            } else {
                #expect(cell.foreground == nil, "\(look.name): a colour without colour: \(styled.text(of: line))")
            }
        }
    }
}
