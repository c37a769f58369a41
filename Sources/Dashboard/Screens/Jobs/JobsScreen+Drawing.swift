import Foundation
import MeshAPI

/// The Jobs screen: a row per job with a bar of its items (the list's glyphs and colours, never a
/// block in reverse video), the selected job's facts under the rows; or, opened, a row per attempt
/// of each chunk.
extension DashboardRenderer {
    mutating func drawJobs(_ jobs: JobsScreen) {
        if let opened = jobs.opened {
            drawOpenedJob(opened, summary: jobs.jobs.first { $0.id == opened.id }, jobs: jobs)
        } else {
            drawJobList(jobs)
        }
    }

    /// The title's end: how the last read of the journal went.
    private func readingWords(_ jobs: JobsScreen) -> (String, StyleRole) {
        switch jobs.reading {
        case .waiting: return ("reading the journal…", .dim)
        case .noJournal: return ("no journal yet", .dim)
        case .read(let at): return ("read \(Formatting.clock(at, in: state.options.clockZone))", .dim)
        case .failed(let reason, _): return (reason, .error)
        }
    }

    private mutating func drawJobList(_ jobs: JobsScreen) {
        let area = layout.body
        let width = layout.width
        var x = screen.write(" jobs · the journal, read-only every \(Int(JobsScreen.readSeconds)) s · ",
                             row: area.row, column: 0, role: .title, limit: width)
        let (words, wordsRole) = readingWords(jobs)
        screen.write(words, row: area.row, column: x, role: wordsRole, limit: width - x)

        let columns = JobColumns(width: width, names: jobs.jobs.map(\.name))
        screen.fill(row: area.row + 1, column: 0, width: width, height: 1, role: .header)
        screen.write(columns.heading, row: area.row + 1, column: 0, role: .header, limit: width)
        let extent = jobs.extent(layout)
        let scroll = jobs.scroll.clamped(to: extent)
        if jobs.jobs.isEmpty {
            let empty: String
            switch jobs.reading {
            case .waiting: empty = " reading the journal…"
            case .failed: empty = " the journal could not be read (see above)"
            default: empty = " no jobs yet: start one with  meshtop jobs run FILE.jsonl --name NAME"
            }
            screen.write(empty, row: area.row + 2, column: 0, role: .dim, limit: width)
        }
        for index in scroll.visible(in: extent) {
            let job = jobs.jobs[index]
            let y = area.row + 2 + index - scroll.offset
            x = screen.write(index == scroll.selected ? "›" : " ", row: y, column: 0)
            x += screen.write(TextWidth.fit(job.name, to: columns.name), row: y, column: x) + 1
            let (stateText, stateRole) = Self.stateWords(job)
            x += screen.write(TextWidth.fit(stateText, to: JobColumns.state), row: y, column: x, role: stateRole) + 1
            x += drawJobBar(job, row: y, column: x) + 1
            var counts = "\(job.done)/\(job.total)"
            if counts.count > JobColumns.counts { counts = Formatting.compactCount(job.done) + "/" + Formatting.compactCount(job.total) }
            x += column(counts, row: y, column: x, fitting: JobColumns.counts) + 1
            x += column(job.failedForGood > 0 ? "✗" + Formatting.compactCount(job.failedForGood) : "", row: y, column: x,
                              fitting: JobColumns.failed, alignRight: true, role: .progressFailed) + 1
            if columns.showsLive {
                x += column("\(job.liveBatches)", row: y, column: x, fitting: JobColumns.live, alignRight: true) + 1
            }
            if columns.showsWide {
                x += column("\(job.queuedBatches)", row: y, column: x, fitting: JobColumns.queued, alignRight: true) + 1
                x += column("\(job.slots)", row: y, column: x, fitting: JobColumns.slots, alignRight: true) + 1
            }
            x += column(etaText(job), row: y, column: x, fitting: JobColumns.eta, alignRight: true) + 1
            if columns.showsWide {
                x += column(Formatting.usd(job.costUSD), row: y, column: x, fitting: JobColumns.cost, alignRight: true) + 1
            }
            if columns.showsRunner {
                let (runner, role) = runnerWords(job, short: true)
                screen.write(runner, row: y, column: x, role: role, limit: width - x)
            }
            if index == scroll.selected { screen.paint(row: y, column: 0, count: width, role: .selected) }
        }
        drawJobFacts(jobs.selectedJob, rows: JobsScreen.factRows(layout), bottom: area.row + area.height)
    }

    /// The selected job's facts, on the last rows of the body.
    private mutating func drawJobFacts(_ job: JobSummary?, rows: Int, bottom: Int) {
        let width = layout.width
        let top = bottom - rows
        screen.fill(row: top, column: 0, width: width, height: 1, role: .border)
        screen.write(String(repeating: "─", count: width), row: top, column: 0, role: .border, limit: width)
        guard let job else { return }
        var lines: [(String, StyleRole)] = []
        let (runner, runnerRole) = runnerWords(job, short: false)
        // The runner first: "no runner" names the id in its command; a driven job's id comes last.
        lines.append((" \(job.name) · " + runner + (job.driver == nil && !job.state.isFinal ? "" : " · \(job.id)"), runnerRole))
        // A stopped job's reason before the figures: on a short terminal it is the line that stays.
        if let reason = job.stopReason, job.state == .stopped { lines.append((" stopped: " + reason, .error)) }
        lines += wrappedFacts(job).map { ($0, .normal) }
        lines.append((" " + Self.barLegend, .dim))
        for (offset, line) in lines.prefix(rows - 1).enumerated() {
            screen.write(line.0, row: top + 1 + offset, column: 0, role: line.1, limit: width)
        }
    }

    static let barLegend = "\(ProgressGlyphs.succeeded) succeeded  \(ProgressGlyphs.failed) failed for good  "
        + "\(ProgressGlyphs.notRun) waiting to retry  \(ProgressGlyphs.toDo) not sent or running"

    /// "succeeded 480/500 · failed for good 3 · to retry 17 · batches 2 live, 1 queued, 4 slots · ETA 3m · est. $0.41"
    func factParts(_ job: JobSummary) -> [String] {
        var parts = ["succeeded \(Formatting.count(job.succeeded))/\(Formatting.count(job.total))",
                     "failed for good \(Formatting.count(job.failedForGood))",
                     "to retry \(Formatting.count(job.waitingToRetry))",
                     "batches \(job.liveBatches) live, \(job.queuedBatches) queued, \(job.slots) slots"]
        if !job.state.isFinal, job.driver != nil, let eta = job.eta(now: state.now) { parts.append("ETA \(Formatting.duration(eta))") }
        parts.append("est. cost \(Formatting.usd(job.costUSD))")
        return parts
    }

    /// The facts as lines of the terminal's width, wrapped at their separators rather than losing
    /// the last ones (the ETA, the cost) at 80 columns.
    func wrappedFacts(_ job: JobSummary) -> [String] {
        var lines: [String] = []
        var line = ""
        for part in factParts(job) {
            let next = line.isEmpty ? " " + part : line + " · " + part
            if TextWidth.of(next) > layout.width, !line.isEmpty {
                lines.append(line)
                line = " " + part
            } else {
                line = next
            }
        }
        return lines + [line]
    }

    /// "runner pid 4242 since 07:31 (12m)", or that none drives it.
    func runnerWords(_ job: JobSummary, short: Bool) -> (String, StyleRole) {
        if let driver = job.driver {
            let since = Formatting.clock(driver.since, in: state.options.clockZone)
            let age = Formatting.duration(max(0, state.now.timeIntervalSince(driver.since)))
            return (short ? "pid \(driver.pid) since \(since)" : "runner pid \(driver.pid) since \(since) (\(age))", .statusDone)
        }
        if job.state.isFinal { return (short ? "–" : "no runner (finished)", .dim) }
        return (short ? "no runner" : "no runner · meshtop jobs resume \(job.id)", .warning)
    }

    func etaText(_ job: JobSummary) -> String {
        if job.state.isFinal { return "done" }
        guard job.driver != nil, let eta = job.eta(now: state.now) else { return "–" }
        return Formatting.duration(eta)
    }

    /// The state column: a running job no process drives says so, since nothing moves it.
    static func stateWords(_ job: JobSummary) -> (String, StyleRole) {
        switch job.state {
        case .running: return job.driver == nil ? ("no runner", .warning) : ("running", .statusActive)
        case .cancelling: return ("cancelling", .statusActive)
        case .completed: return ("completed", .statusDone)
        case .finishedWithFailures: return ("failures", .statusFailed)
        case .cancelled: return ("cancelled", .statusCancelled)
        case .stopped: return ("stopped", .error)
        case .unknown: return ("unknown", .statusUnknown)
        }
    }

    /// Succeeded, failed for good, waiting to retry, and the rest: proportional cells (the list's glyphs).
    private mutating func drawJobBar(_ job: JobSummary, row: Int, column: Int) -> Int {
        drawProgressCells(succeeded: job.succeeded, failed: job.failedForGood, notRun: job.waitingToRetry, total: job.total,
                          cells: JobColumns.bar, row: row, column: column, limit: JobColumns.bar)
        return JobColumns.bar
    }

    private mutating func drawOpenedJob(_ opened: OpenedJob, summary: JobSummary?, jobs: JobsScreen) {
        let area = layout.body
        let width = layout.width
        let name = summary.map { $0.name } ?? opened.id
        var x = screen.write(" job \(name): chunks and attempts · ", row: area.row, column: 0, role: .title, limit: width)
        if let summary {
            let (words, role) = Self.stateWords(summary)
            x += screen.write(words + " · ", row: area.row, column: x, role: role, limit: width - x)
            let (runner, runnerRole) = runnerWords(summary, short: false)
            screen.write(runner, row: area.row, column: x, role: runnerRole, limit: width - x)
            for (offset, line) in wrappedFacts(summary).prefix(JobsScreen.openedHeadRows(layout) - 2).enumerated() {
                screen.write(line, row: area.row + 1 + offset, column: 0, limit: width)
            }
        }
        let head = JobsScreen.openedHeadRows(layout)
        let columns = AttemptColumns(width: width, chunks: opened.chunks)
        screen.fill(row: area.row + head - 1, column: 0, width: width, height: 1, role: .header)
        screen.write(columns.heading, row: area.row + head - 1, column: 0, role: .header, limit: width)
        if opened.rows.isEmpty {
            screen.write(opened.loaded ? " no chunks planned yet" : " reading the chunks…", row: area.row + head, column: 0,
                         role: .dim, limit: width)
        }
        let extent = jobs.extent(layout)
        let scroll = opened.scroll.clamped(to: extent)
        let zone = state.options.clockZone
        for index in scroll.visible(in: extent) {
            let row = opened.rows[index]
            let chunk = opened.chunks[row.chunk]
            let y = area.row + head + index - scroll.offset
            x = screen.write(index == scroll.selected ? "›" : " ", row: y, column: 0)
            // The chunk's own facts on its first row only, so its attempts read as one group.
            let first = row.attempt ?? 0 == 0
            x += column(first ? "\(chunk.number)" : "", row: y, column: x, fitting: AttemptColumns.chunk, alignRight: true) + 1
            if columns.showsModel {
                x += column(first ? TextWidth.fit(chunk.model, to: columns.model) : "", row: y, column: x,
                                  fitting: columns.model) + 1
                x += column(first ? Formatting.compactCount(chunk.itemCount) : "", row: y, column: x,
                                  fitting: AttemptColumns.items, alignRight: true) + 1
            }
            guard let number = row.attempt else {
                screen.write("no attempt yet", row: y, column: x, role: .dim, limit: width - x)
                if index == scroll.selected { screen.paint(row: y, column: 0, count: width, role: .selected) }
                continue
            }
            let attempt = chunk.attempts[number]
            x += column("\(attempt.number)", row: y, column: x, fitting: AttemptColumns.attempt, alignRight: true) + 1
            x += column(attempt.phase.rawValue, row: y, column: x, fitting: AttemptColumns.phase,
                              role: Self.phaseRole(attempt.phase)) + 1
            // Cut as the list cuts ids: without `batch_`, then its tail (what tells batches apart).
            x += screen.write(TextWidth.fit(attempt.batchID.map { Self.shortID($0, width: columns.batch) } ?? "–", to: columns.batch),
                              row: y, column: x, role: attempt.batchID == nil ? .dim : .normal) + 1
            x += column(attempt.status ?? "", row: y, column: x, fitting: AttemptColumns.status) + 1
            let results = attempt.phase == .ended || attempt.completed + attempt.failed > 0
                ? "✓\(Formatting.compactCount(attempt.completed)) ✗\(Formatting.compactCount(attempt.failed))/\(Formatting.compactCount(attempt.itemCount))"
                : attempt.itemCount == 1 ? "1 item" : "\(Formatting.compactCount(attempt.itemCount)) items"
            x += column(results, row: y, column: x, fitting: AttemptColumns.results) + 1
            if columns.showsTimes {
                x += column(attempt.sentAt.map { Formatting.clock($0, in: zone) } ?? "", row: y, column: x,
                                  fitting: AttemptColumns.time) + 1
                x += column(attempt.endedAt.map { Formatting.clock($0, in: zone) } ?? "", row: y, column: x,
                                  fitting: AttemptColumns.time) + 1
            }
            if index == scroll.selected { screen.paint(row: y, column: 0, count: width, role: .selected) }
        }
    }

    static func phaseRole(_ phase: JobAttempt.Phase) -> StyleRole {
        switch phase {
        case .queued: return .dim
        case .sending, .live: return .statusActive
        case .ended: return .statusDone
        case .abandoned: return .statusCancelled
        }
    }
}

extension JobsScreen {
    /// The header's second line on the Jobs screen.
    var statusLine: String {
        if let opened {
            let attempts = opened.chunks.reduce(0) { $0 + $1.attempts.count }
            return "\(opened.chunks.count) chunks, \(attempts) attempts"
        }
        let running = jobs.filter { !$0.state.isFinal }.count
        return (jobs.count == 1 ? "1 job" : "\(jobs.count) jobs") + ", \(running) not finished"
    }
}

extension DashboardRenderer {
    /// One column of a row, exactly `width` cells; returns `width` so a row adds up its columns.
    mutating func column(_ text: String, row: Int, column: Int, fitting width: Int, alignRight: Bool = false,
                         role: StyleRole = .normal) -> Int {
        screen.write(text, row: row, column: column, fitting: width, alignRight: alignRight, role: role, limit: layout.width - column)
        return width
    }
}
