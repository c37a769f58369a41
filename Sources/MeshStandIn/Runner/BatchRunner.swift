import Foundation
import MeshAPI
import Synchronization

/// Works each non-terminal batch through the lifecycle of mesh-api.md, one task per batch:
/// validating -> in_progress (a pool of at most `itemConcurrency` items in flight) -> finalizing ->
/// completed, with cancel and expiry on the way. Every step is written to the store before the next
/// starts, so after a restart `resumeAll()` picks each batch up where the database says it was.
///
/// The lifecycle is the same whoever answers the items; `worker` is what differs: the simulated
/// provider (`ProviderSimulator`) or a real OpenAI-compatible server (`UpstreamRunner`).
final class BatchRunner: Sendable {
    private let store: BatchStore
    private let clock: any StandInClock
    private let worker: any ItemWorker
    /// Items of one batch in flight at once.
    private let itemConcurrency: Int
    private let tasks = Mutex<[String: Task<Void, Never>]>([:])

    /// Items in flight across batches are bounded by the worker's slots (`ItemWorker.slots`): each
    /// upstream has a capacity; the simulator has none.
    init(store: BatchStore, clock: any StandInClock, worker: any ItemWorker, itemConcurrency: Int) {
        self.store = store
        self.clock = clock
        self.worker = worker
        self.itemConcurrency = itemConcurrency
    }

    func resumeAll() async throws {
        for id in try await store.nonTerminalBatchIDs() { start(batchID: id) }
    }

    func start(batchID: String) {
        tasks.withLock { tasks in
            guard tasks[batchID] == nil else { return }
            tasks[batchID] = Task { [self] in
                do { try await run(batchID: batchID) } catch {
                    // Cancelled (server stopping) or a store error: the database still holds the last
                    // good state, and the next start resumes from it.
                }
                _ = self.tasks.withLock { $0.removeValue(forKey: batchID) }
            }
        }
    }

    func stopAll() async {
        let running = tasks.withLock { tasks in
            let all = Array(tasks.values)
            tasks.removeAll()
            return all
        }
        for task in running { task.cancel() }
        for task in running { await task.value }
    }

    private var now: Int { Int(clock.now()) }

    private func run(batchID: String) async throws {
        while let batch = try await store.batch(id: batchID), let status = batch.status,
            !status.isTerminal
        {
            try Task.checkCancellation()
            switch status {
            case .validating:
                try await validate(batch)
            case .inProgress, .cancelling:
                try await workItems(batch)
            case .finalizing:
                let started = Double(batch.finalizingAt ?? now)
                try await clock.sleep(seconds: started + worker.finalizingSeconds - clock.now())
                try await store.transition(
                    id: batchID, from: [.finalizing], to: .completed, stamp: "completed_at", at: now)
            default:
                return  // A status this version does not write; leave it alone.
            }
        }
    }

    private func validate(_ batch: Batch) async throws {
        let started = Double(batch.createdAt ?? now)
        let validated = started + worker.validatingSeconds
        let expiresAt = Double(batch.expiresAt ?? Int.max)
        try await clock.sleep(seconds: min(validated, expiresAt) - clock.now())
        if validated > expiresAt {
            // The window closed before validation ended: nothing ran, so every item expires, and the
            // batch never shows `in_progress` after its own expiry time.
            if try await store.batch(id: batch.id)?.status == .validating {
                try await expire(batch.id)
            } else {
                try await finishIfCancelling(batch.id)
            }
            return
        }
        // A request without a `messages` list could never run: the provider fails the batch here, as
        // OpenAI does for a malformed input file, and says which line.
        let broken = try await store.pendingItemsWithoutMessages(batchID: batch.id, limit: 20)
        if !broken.isEmpty {
            let errors = broken.map {
                BatchErrorDetail(
                    code: "invalid_request", message: "Request '\($0.customID)' has no 'messages' list.",
                    param: "body.messages", line: $0.index + 1)
            }
            try await store.transition(
                id: batch.id, from: [.validating], to: .failed, stamp: "failed_at", at: now,
                errors: Array(errors))
            return
        }
        if !(try await store.transition(
            id: batch.id, from: [.validating], to: .inProgress, stamp: "in_progress_at", at: now))
        {
            // Cancelled while validating: nothing was in flight, so it ends at once.
            try await finishIfCancelling(batch.id)
        }
    }

    /// Runs the pending items with at most `itemConcurrency` in flight (and, with `slots`, within the
    /// shared limit); stops starting new ones once the batch is cancelling or its window has passed,
    /// lets the ones in flight finish, then ends it.
    private func workItems(_ batch: Batch) async throws {
        let pending = try await store.pendingItems(batchID: batch.id)
        let expiresAt = Double(batch.expiresAt ?? Int.max)
        var queue = pending[...]
        // Asked by an item held for a down upstream: a store error keeps it held, not dropped.
        let stillWanted: @Sendable () async -> Bool = { [self] in
            guard clock.now() < expiresAt else { return false }
            return ((try? await store.batch(id: batch.id))?.status ?? .inProgress) == .inProgress
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            var inFlight = 0
            func mayStart() async throws -> Bool {
                guard clock.now() < expiresAt else { return false }
                return try await store.batch(id: batch.id)?.status == .inProgress
            }
            // A shared slot can take a while to free up: the batch may have been cancelled or
            // expired meanwhile, and a queued item must then never start.
            func takeSlot(_ slots: ItemSlots?) async throws -> Bool {
                guard let slots else { return true }
                try await slots.acquire()
                if try await mayStart() { return true }
                await slots.release()
                return false
            }
            while true {
                while inFlight < max(1, itemConcurrency), let item = queue.first, try await mayStart(),
                    case let slots = worker.slots(for: item, of: batch), try await takeSlot(slots)
                {
                    queue = queue.dropFirst()
                    inFlight += 1
                    group.addTask { [self] in
                        let worked: Result<WorkedItem?, any Error>
                        do {
                            worked = .success(try await worker.work(
                                item, of: batch, expiresAt: expiresAt, stillWanted: stillWanted))
                        } catch {
                            worked = .failure(error)
                        }
                        await slots?.release()
                        // nil: it never ran (held for a down upstream); it stays pending.
                        guard let outcome = try worked.get() else { return }
                        try await store.storeResult(
                            batchID: batch.id, index: item.index, resultText: outcome.resultText,
                            succeeded: outcome.succeeded)
                    }
                }
                guard try await group.next() != nil else { break }
                inFlight -= 1
            }
        }
        try Task.checkCancellation()
        guard let current = try await store.batch(id: batch.id) else { return }
        if current.status == .cancelling {
            try await finishIfCancelling(batch.id)
        } else if current.requestCounts?.pending ?? 0 > 0 {
            // Items remain but none may start: the window has passed.
            try await expire(batch.id)
        } else {
            try await store.transition(
                id: batch.id, from: [.inProgress], to: .finalizing, stamp: "finalizing_at", at: now)
        }
    }

    /// Ends a batch whose window has passed: every item that did not run gets `batch_expired`.
    private func expire(_ id: String) async throws {
        try await store.finishUnrun(
            batchID: id, code: "batch_expired",
            message: "The batch expired before this request was processed.",
            status: .expired, stamp: "expired_at", at: now)
    }

    private func finishIfCancelling(_ id: String) async throws {
        guard try await store.batch(id: id)?.status == .cancelling else { return }
        try await store.finishUnrun(
            batchID: id, code: "batch_cancelled",
            message: "The batch was cancelled before this request was processed.",
            status: .cancelled, stamp: "cancelled_at", at: now)
    }
}
