import ArgumentParser
import Foundation
import MeshAPI
import MeshJobs

/// `meshtop jobs list`: every job in the journal.
struct JobsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the jobs in the journal, newest first (no network needed).",
        discussion: "DRIVER shows the process driving a job now, and since when."
    )

    @OptionGroup var client: ClientOptions

    func run() async throws {
        guard let reader = try JobSession.openReader() else {
            OutputTerminal.errorLine("no jobs yet (`meshtop jobs run FILE.jsonl` starts one)")
            return
        }
        let jobs = try await reader.summaries()
        if jobs.isEmpty {
            OutputTerminal.errorLine("no jobs yet (`meshtop jobs run FILE.jsonl` starts one)")
            return
        }
        var table = OutputTable(columns: [
            .init(title: "ID"), .init(title: "NAME", flexible: true), .init(title: "STATE"),
            .init(title: "DONE", rightAligned: true), .init(title: "FAILED", rightAligned: true),
            .init(title: "RETRY", rightAligned: true), .init(title: "LIVE", rightAligned: true),
            .init(title: "QUEUED", rightAligned: true), .init(title: "COST", rightAligned: true),
            .init(title: "DRIVER"), .init(title: "CREATED"),
        ])
        for job in jobs {
            table.append([
                job.id, job.name, job.state.rawValue, "\(JobProgressLine.count(job.done))/\(JobProgressLine.count(job.total))",
                JobProgressLine.count(job.failedForGood), JobProgressLine.count(job.waitingToRetry), String(job.liveBatches),
                String(job.queuedBatches), String(format: "$%.2f", job.costUSD),
                job.driver.map { "pid \($0.pid) since \(JobSession.timestamp($0.since))" } ?? "-",
                JobSession.timestamp(job.createdAt),
            ])
        }
        OutputTerminal.standardOutput(table.render(width: OutputTerminal.width, colour: false))
    }
}
