import Foundation
import MeshAPI
import MeshtopTestSupport
import Testing

extension JobsSerialSuite {
/// The progress line: live on a terminal (redrawn in place, escaped), plain lines in a pipe.
@Suite struct JobsProgressTests {
    @Test func onATerminalOneLiveLineRedrawnInPlaceWithHostileTextEscaped() async throws {
        let fixture = try await JobsFixture.start(["--memory", "--speed", "500", "--failure-rate", "0"])
        let input = try fixture.writeInput("in.jsonl", count: 200)
        // A name with an escape sequence and a bidi override: shown escaped, never raw.
        let name = "evil\u{1B}[2Jname\u{202E}"
        let output = try await MeshtopBinary.run(["jobs", "run", input, "--batch-size", "50", "--name", name],
                                                 environment: fixture.environment, onTerminal: true)
        #expect(output.code == 0, "\(output.stdout)")
        // Redrawn in place: carriage return and erase-line before each frame.
        #expect(output.stdout.contains("\r\u{1B}[2K"), "\(output.stdout.debugDescription)")
        #expect(output.stdout.contains("200/200 done") && output.stdout.contains("slots ") && output.stdout.contains("ETA"))
        #expect(!output.stdout.contains("\u{1B}[2J") && !output.stdout.contains("\u{202E}"), "\(output.stdout.debugDescription)")
        #expect(output.stdout.contains("evil\\e[2Jname"), "\(output.stdout.debugDescription)")
        await fixture.stop()
    }

    @Test func inAPipePlainLinesWithoutTerminalControls() async throws {
        let fixture = try await JobsFixture.start(["--memory", "--speed", "500", "--failure-rate", "0"])
        let input = try fixture.writeInput("in.jsonl", count: 200)
        let output = try await fixture.run(["jobs", "run", input, "--batch-size", "50", "--slots", "2"])
        #expect(output.code == 0, "\(output.stderr)")
        #expect(!output.stderr.contains("\r") && !output.stderr.contains("\u{1B}"))
        // The first round's line and the last one; nothing between (a job this short ends within 30 s).
        let progress = output.stderr.split(separator: "\n").filter { $0.contains(" done · ") }
        #expect(progress.count == 2, "\(output.stderr)")
        #expect(progress.last?.contains("200/200 done") == true)
        // --slots 2: never more than two of its batches live at once, from the stand-in's own stamps
        // (created to completed, in its simulated seconds; an end sorts before a start at one stamp).
        let batches = try await fixture.allBatches()
        #expect(batches.count == 4)
        var events: [(Int, Int)] = []
        for batch in batches {
            events.append((try #require(batch.createdAt), 1))
            events.append((try #require(batch.completedAt), -1))
        }
        var live = 0, most = 0
        for (_, change) in events.sorted(by: { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }) {
            live += change
            most = max(most, live)
        }
        #expect(most == 2, "at most 2 at once, and the 2 used: \(most)")
        await fixture.stop()
    }
}
}
