import ArgumentParser
import Foundation
import MeshAPI
import MeshJobs

/// `meshtop jobs show JOB`: the job, every chunk, each attempt's batch, status and counts.
struct JobsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a job: its counts, and every chunk with each attempt's batch id, status and counts."
    )

    @Argument(help: "The job's id (or a unique prefix of it, or its name).") var job: String
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let (journal, id, summary) = try await JobSession.openJob(job)
        let reader = journal.reader
        var lines = [
            "job \(summary.id) \(summary.name)",
            "state: \(summary.state.rawValue)" + (summary.stopReason.map { " (\($0))" } ?? ""),
            "items: \(summary.total) total, \(summary.succeeded) succeeded, \(summary.failedForGood) failed for good, \(summary.waitingToRetry) waiting to retry",
            "batches: \(summary.liveBatches) live, \(summary.queuedBatches) queued; slots \(summary.slots)",
            String(format: "estimated cost: $%.4f", summary.costUSD),
            "driver: " + (summary.driver.map { "process \($0.pid) since \(JobSession.timestamp($0.since))" } ?? "none"),
        ]
        lines.append("")
        for line in lines { OutputTerminal.outputLine(line) }
        var table = OutputTable(columns: [
            .init(title: "CHUNK", rightAligned: true), .init(title: "MODEL"), .init(title: "ITEMS", rightAligned: true),
            .init(title: "ATTEMPT", rightAligned: true), .init(title: "PHASE"), .init(title: "BATCH", flexible: true),
            .init(title: "STATUS"), .init(title: "OK", rightAligned: true), .init(title: "FAILED", rightAligned: true),
        ])
        for chunk in try await reader.chunks(of: id) {
            if chunk.attempts.isEmpty {
                table.append([String(chunk.number), chunk.model, String(chunk.itemCount), "-", "waiting", "-", "-", "-", "-"])
            }
            for attempt in chunk.attempts {
                table.append([
                    String(chunk.number), chunk.model, String(attempt.itemCount), String(attempt.number), attempt.phase.rawValue,
                    attempt.batchID ?? "-", attempt.status ?? "-", String(attempt.completed), String(attempt.failed),
                ])
            }
        }
        OutputTerminal.standardOutput(table.render(width: OutputTerminal.width, colour: false))
    }
}
