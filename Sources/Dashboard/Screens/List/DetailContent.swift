import Foundation
import MeshAPI

/// The detail pane's lines for one batch at one width, long values wrapped onto continuation lines.
/// Built from the state alone, so `reduce` (for the pane's scroll extent) and `render` agree.
/// What changes leads (status, progress, pace, tokens and cost, metadata); what is the same for
/// every batch (endpoint, window, file ids) comes last.
struct DetailContent {
    static let labelWidth = 12

    private(set) var lines: [DetailLine] = []
    /// Seconds until a clock-derived value shown changes (see `Screen.validUntil`).
    private(set) var changesIn: Double?

    init(state: DashboardState, batch: Batch, width: Int) {
        let valueWidth = max(1, width - Self.labelWidth - 1)
        var raw: [DetailLine] = []
        build(state: state, batch: batch, into: &raw)
        for line in raw {
            for (index, piece) in TextWrap.lines(line.value, width: valueWidth).enumerated() {
                lines.append(DetailLine(label: index == 0 ? line.label : "", value: piece, role: line.role))
            }
        }
    }

    private mutating func changes(in seconds: Double) {
        changesIn = min(changesIn ?? seconds, seconds)
    }

    private mutating func build(state: DashboardState, batch: Batch, into lines: inout [DetailLine]) {
        let zone = state.options.clockZone
        let status = state.mirror.shownStatus(batch)
        let serverNow = state.serverNow
        var statusText = StatusStyle.label(status, counts: batch.requestCounts)
        switch StatusStyle.completedWithFailures(status, batch.requestCounts) {
        case .all?: statusText += " (every item failed)"
        case .some?: statusText += " (with many failed items)"
        case nil: break
        }
        lines.append(DetailLine(label: "status", value: statusText
            + (state.mirror.cancelRequested.contains(batch.id) ? " (cancel requested)" : ""),
            role: StatusStyle.role(status, counts: batch.requestCounts)))
        if let counts = batch.requestCounts {
            var text = "\(Formatting.count(counts.completed)) ok, \(Formatting.count(counts.failed)) failed, "
            text += status.isTerminal && counts.pending > 0 ? "\(Formatting.count(counts.pending)) not run"
                : "\(Formatting.count(counts.pending)) pending"
            lines.append(DetailLine(label: "items", value: text + " of \(Formatting.count(counts.total))"))
            if !status.isTerminal, let history = state.mirror.progress[batch.id], let rate = history.itemsPerSecond {
                var pace = String(format: "%.1f items/s", rate)
                // Only a batch in progress will get through its pending items: a cancelling one will not.
                if state.showsStaleData {
                    // No promise from numbers the server has not confirmed lately.
                    pace += " when last seen (no ETA: the data is stale)"
                } else if status == .inProgress, let eta = history.eta(pending: counts.pending) {
                    pace += ", done in about \(Formatting.duration(eta))"
                }
                lines.append(DetailLine(label: "throughput", value: pace))
            }
            if !status.isTerminal, let rates = state.mirror.progress[batch.id]?.rates, rates.count >= 2 {
                lines.append(DetailLine(label: "pace", value: Sparkline.draw(rates, width: 40)
                    + " (last \(Formatting.duration(state.mirror.progress[batch.id].map { Self.span($0) } ?? 0)))",
                    role: .statusActive))
            }
        }
        if let usage = state.mirror.usage[batch.id] {
            lines.append(DetailLine(label: "tokens", value: "\(Formatting.count(usage.promptTokens)) in, "
                + "\(Formatting.count(usage.completionTokens)) out, \(Formatting.count(usage.totalTokens)) total"))
            if case .usd(let cost) = CostEstimator(models: state.models, usage: state.mirror.usage).estimate(batch) {
                lines.append(DetailLine(label: "est. cost", value: "\(Formatting.usd(cost)) at batch prices"))
            } else {
                lines.append(DetailLine(label: "est. cost", value: "unknown (no batch price for this model)", role: .dim))
            }
        } else if status.isTerminal {
            lines.append(DetailLine(label: "results", value: "not loaded yet (Enter loads them)", role: .dim))
        } else {
            lines.append(DetailLine(label: "results", value: "Mesh returns item results when the batch ends", role: .dim))
        }
        for (key, value) in (batch.metadata ?? [:]).sorted(by: { $0.key < $1.key }) {
            lines.append(DetailLine(label: key, value: value.displayText))
        }
        for detail in batch.errorsDetail ?? [] {
            var text = "\(detail.code ?? "error"): \(detail.message ?? "")"
            if let line = detail.line { text += " (line \(line))" }
            if let param = detail.param { text += " [\(param)]" }
            lines.append(DetailLine(label: "error", value: text, role: .error))
        }
        lines.append(DetailLine(label: "model", value: (batch.model ?? "-") + (batch.provider.map { " (via \($0))" } ?? "")))

        let created = batch.createdAt.map { Double($0) }
        func stamp(_ label: String, _ value: Int?) {
            guard let value else { return }
            let date = Date(timeIntervalSince1970: Double(value))
            var text = Formatting.dateTime(date, in: zone)
            if let created, label != "created" {
                text += " (+\(Formatting.duration(Double(value) - created)))"
            } else {
                // Coarse, as ages are: the exact time is right beside it, and a frame that does not
                // change every second is not redrawn every second.
                let elapsed = serverNow.timeIntervalSince(date)
                text += " (\(Formatting.age(elapsed)) ago)"
                changes(in: Formatting.ageChange(elapsed))
            }
            lines.append(DetailLine(label: label, value: text))
        }
        stamp("created", batch.createdAt)
        stamp("in progress", batch.inProgressAt)
        stamp("finalizing", batch.finalizingAt)
        stamp("completed", batch.completedAt)
        stamp("failed", batch.failedAt)
        stamp("cancelling", batch.cancellingAt)
        stamp("cancelled", batch.cancelledAt)
        stamp("expired", batch.expiredAt)
        if let expires = batch.expiresAt, !status.isTerminal {
            let date = Date(timeIntervalSince1970: Double(expires))
            let left = date.timeIntervalSince(serverNow)
            if left >= 0 { changes(in: Formatting.countdownChange(left)) }
            lines.append(DetailLine(label: "expires", value: Formatting.dateTime(date, in: zone)
                + (left >= 0 ? " (in \(Formatting.duration(left)))" : " (overdue)"), role: left < 3600 ? .warning : .normal))
        }
        lines.append(DetailLine(label: "id", value: batch.id))
        if let endpoint = batch.endpoint { lines.append(DetailLine(label: "endpoint", value: endpoint, role: .dim)) }
        if let window = batch.completionWindow { lines.append(DetailLine(label: "window", value: window, role: .dim)) }
        if let file = batch.inputFileID { lines.append(DetailLine(label: "input file", value: file, role: .dim)) }
        if let file = batch.outputFileID { lines.append(DetailLine(label: "output file", value: file, role: .dim)) }
        if let file = batch.errorFileID { lines.append(DetailLine(label: "error file", value: file, role: .dim)) }
    }

    /// Local seconds the history covers.
    static func span(_ history: ProgressHistory) -> Double {
        guard let first = history.samples.first, let last = history.samples.last else { return 0 }
        return last.at.timeIntervalSince(first.at)
    }
}
