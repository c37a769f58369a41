import Foundation
import MeshAPI

/// The Jobs screen's commands, its reads of the journal and what it does with their answers.
extension JobsScreen: DashboardScreen {
    /// Rows of the list of jobs: the body less the title, the heading and the selected job's facts.
    static func factRows(_ layout: Layout) -> Int { layout.body.height >= 20 ? 5 : 3 }

    /// Rows above an opened job's attempts: the title, its facts (two lines below 140 columns), the heading.
    static func openedHeadRows(_ layout: Layout) -> Int { layout.width >= 140 ? 3 : 4 }

    func extent(_ layout: Layout) -> ScrollExtent {
        if let opened {
            return ScrollExtent(count: opened.rows.count, page: layout.body.height - Self.openedHeadRows(layout))
        }
        return ScrollExtent(count: jobs.count, page: layout.body.height - 2 - Self.factRows(layout))
    }

    mutating func perform(_ command: Command, in app: DashboardState) -> [ScreenEffect] {
        let extent = extent(app.layout)
        var step: Int?
        switch command {
        case .moveUp: step = -1
        case .moveDown: step = 1
        case .pageUp: step = -extent.page
        case .pageDown: step = extent.page
        case .top: step = Int.min / 2
        case .bottom: step = Int.max / 2
        case .open:
            if let opened {
                guard let attempt = opened.selectedAttempt else { return [.say("this chunk has no batch yet")] }
                guard let id = attempt.batchID else { return [.say("attempt \(attempt.number) has no batch yet (\(attempt.phase.rawValue))")] }
                // The items screen shows a batch of the mirror (the list's pages); an old batch past them is not there.
                guard app.mirror.batches[id] != nil else {
                    return [.say("\(id) is not in the batch list (an older batch): meshtop batches results \(id)")]
                }
                var items = ItemsScreen(batchID: id)
                items.returnsTo = self
                return [.show(.items(items)), .openedBatch(id)]
            }
            guard let job = selectedJob else { return [] }
            opened = OpenedJob(id: job.id)
            // Its chunks at once, not at the next read.
            return readNow(now: app.now).map { [.run($0)] } ?? []
        case .back:
            if opened != nil {
                opened = nil
                return []
            }
            return [.back]
        default:
            break
        }
        if let step {
            if opened != nil { opened?.scroll.move(by: step, in: extent) } else { scroll.move(by: step, in: extent) }
        }
        return []
    }

    /// Why Enter cannot open anything here, or nil.
    var openRefusal: String? {
        if let opened {
            guard let attempt = opened.selectedAttempt else { return opened.loaded ? "this chunk has no attempt yet" : "reading the chunks…" }
            return attempt.batchID == nil ? "attempt \(attempt.number) has no batch yet (\(attempt.phase.rawValue))" : nil
        }
        return selectedJob == nil ? "no job selected" : nil
    }

    /// A read of the journal when one is due: at most every `readSeconds`, one at a time.
    mutating func readDue(now: Date) -> Effect? {
        if asking { return nil }
        if let askedAt, now.timeIntervalSince(askedAt) < Self.readSeconds { return nil }
        return readNow(now: now)
    }

    /// A read now (unless one is under way: its answer comes soon enough).
    mutating func readNow(now: Date) -> Effect? {
        if asking { return nil }
        asking = true
        askedAt = now
        return .journal(JournalRead(chunksOf: opened?.id))
    }

    /// The journal read: the jobs (the selection stays on the same job) and the open job's chunks.
    mutating func loaded(_ summaries: [JobSummary], chunks: [JobChunk]?, of id: String?, journalExists: Bool, at: Date) {
        asking = false
        let keptID = selectedJob?.id
        let first = reading == .waiting
        jobs = summaries
        reading = journalExists ? .read(at: at) : .noJournal
        if first { scroll.reset(count: jobs.count) }
        if let keptID, let index = jobs.firstIndex(where: { $0.id == keptID }) {
            scroll.selected = index
        } else {
            scroll.settle(count: jobs.count)
        }
        if let chunks, let id, opened?.id == id { opened?.update(chunks) }
    }

    /// The read failed: the last good jobs stay on screen, and the screen says why.
    mutating func failed(_ reason: String, at: Date) {
        asking = false
        reading = .failed(reason: reason, at: at)
    }
}
