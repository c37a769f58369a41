import Foundation
import MeshtopTestSupport
import Testing

/// The Jobs screen watching a real job: `meshtop jobs run` against `meshtop serve` (with failures,
/// so retries happen), the dashboard in tmux on the same state folder, from the first batches to
/// the job's end.
@Suite(.serialized) struct JobsScreenEndToEndTests {
    static let key = "rsk_jobscreenjobscreenjobscr0"

    @Test(.timeLimit(.minutes(3)))
    func watchesARunningJobToItsEnd() async throws {
        let serve = try await ServeProcess.start(["--memory", "--speed", "40", "--failure-rate", "0.05"], keys: "\(Self.key)=e2e")
        let home = try MeshtopBinary.temporaryHome()
        var lines: [String] = []
        for index in 0..<600 {
            let model = index % 2 == 0 ? "openai/gpt-4o-mini" : "openai/gpt-5-nano"
            lines.append(#"{"custom_id":"item-\#(index)","method":"POST","url":"/v1/chat/completions","body":{"model":"\#(model)","messages":[{"role":"user","content":"hi"}]}}"#)
        }
        try (lines.joined(separator: "\n") + "\n").write(to: home.appendingPathComponent("in.jsonl"), atomically: true, encoding: .utf8)
        // The runner starts in the background of the pane's shell, the dashboard in its foreground:
        // both read the same XDG_STATE_HOME, so the dashboard reads the runner's journal.
        let binary = try MeshtopBinary.requireBuilt()
        let command = "cd '\(home.path)' && ('\(binary)' jobs run in.jsonl --name e2e-watched --batch-size 100 --slots 3"
            + " > run.log 2>&1 &) && exec '\(binary)' --interval 0.5"
        let pane = try await TmuxPane(command: ["/bin/sh", "-c", command], width: 120, height: 40,
                                      environment: MeshtopBinary.environment(baseURL: serve.baseURL, key: Self.key, home: home))
        do {
            try await scenario(pane)
        } catch {
            pane.kill()
            await serve.stop()
            throw error
        }
        pane.kill()
        await serve.stop()
    }

    private func scenario(_ pane: TmuxPane) async throws {
        _ = try await pane.waitFor(text: "slots used")
        await pane.send("J")
        // Running, driven by the runner's process, some batches live.
        var screen = try await pane.waitFor("the job running under its runner", timeout: 30) {
            $0.contains("e2e-watched") && $0.contains("running") && $0.contains("runner pid")
        }
        #expect(screen.contains("/600"), "\(screen)")
        // Its chunks: six of 100 items over two models, each with a batch once sent.
        await pane.send("Enter")
        screen = try await pane.waitFor("the job's chunks and attempts", timeout: 20) {
            $0.contains("chunks and attempts") && $0.contains("batch_")
        }
        #expect(screen.contains("openai/gpt-4o-mini") && screen.contains("openai/gpt-5-nano"), "\(screen)")
        await pane.send("Escape")
        _ = try await pane.waitFor(text: "PROGRESS")
        // To its end: every item has its final result, and no runner drives it any more.
        screen = try await pane.waitFor("the job's end", timeout: 120) { text in
            let row = text.split(separator: "\n").first { $0.contains("e2e-watched") && $0.contains("600/600") }
            return row.map { $0.contains("completed") || $0.contains("failures") } ?? false
        }
        screen = try await pane.waitFor("the runner gone", timeout: 20) { $0.contains("no runner (finished)") }
        #expect(screen.contains("done"), "\(screen)")
        // Its batches were retried for the failures: the attempts show a second try.
        await pane.send("Enter")
        // The heading comes before the journal's answer: wait for the attempts themselves.
        screen = try await pane.waitFor("the attempts, ended", timeout: 20) {
            $0.contains("chunks and attempts") && $0.contains("ended")
        }
        await pane.send("q")
    }
}
