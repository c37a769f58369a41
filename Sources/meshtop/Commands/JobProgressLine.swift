import Foundation
import MeshAPI
import MeshJobs
#if canImport(Glibc)
import Glibc
#endif

/// The runner's progress on stderr: on a terminal one live line, redrawn each round and cut to
/// the terminal's width; without one a plain line at most every 30 s (and the last one). Every
/// line goes through `TerminalText` (the job's name is the user's, messages are the server's).
final class JobProgressLine: @unchecked Sendable {
    private let onTerminal = OutputTerminal.stderrIsTTY
    private let lock = NSLock()
    private var lastPlain: Date?
    private var showing = false
    static let plainInterval: TimeInterval = 30

    func show(_ report: JobRoundReport, final: Bool = false) {
        let text = Self.text(report, now: Date())
        lock.lock()
        defer { lock.unlock() }
        if onTerminal {
            let width = Self.stderrWidth() ?? 120
            let escaped = TerminalText.escaped(text)
            let line = escaped.unicodeScalars.count > width - 1 ? String(String.UnicodeScalarView(escaped.unicodeScalars.prefix(width - 2))) + "…" : escaped
            OutputTerminal.standardError("\r\u{1B}[2K" + line + (final ? "\n" : ""))
            showing = !final
        } else if final || lastPlain.map({ Date().timeIntervalSince($0) >= Self.plainInterval }) ?? true {
            lastPlain = Date()
            OutputTerminal.errorLine(text)
        }
    }

    /// A message of its own line, above the live line.
    func note(_ message: String) {
        lock.lock()
        defer { lock.unlock() }
        if onTerminal && showing { OutputTerminal.standardError("\r\u{1B}[2K") }
        showing = false
        OutputTerminal.errorLine(message)
    }

    /// Ends the live line so what follows starts on its own.
    func close() {
        lock.lock()
        defer { lock.unlock() }
        if onTerminal && showing { OutputTerminal.standardError("\n") }
        showing = false
    }

    static func text(_ report: JobRoundReport, now: Date) -> String {
        let job = report.summary
        var parts = ["\(job.name): \(count(job.done))/\(count(job.total)) done"]
        parts.append("\(count(job.failedForGood)) failed for good")
        parts.append("\(count(job.waitingToRetry)) waiting to retry")
        parts.append("batches \(job.liveBatches) live, \(job.queuedBatches) queued")
        parts.append("slots \(report.ownerLive)/\(JobSettings.ownerLimit)")
        parts.append("ETA " + (job.eta(now: now).map(duration) ?? "–"))
        parts.append(String(format: "~$%.2f", job.costUSD))
        if let waiting = report.waitingFor { parts.append(waiting) }
        return parts.joined(separator: " · ")
    }

    static func count(_ value: Int) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.groupingSeparator = ","
        return formatter.string(from: NSNumber(value: value)) ?? String(value)
    }

    /// "45s", "3m 20s", "2h 05m".
    static func duration(_ seconds: TimeInterval) -> String {
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m \(String(format: "%02d", total % 60))s" }
        return "\(total / 3600)h \(String(format: "%02d", (total % 3600) / 60))m"
    }

    private static func stderrWidth() -> Int? {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
