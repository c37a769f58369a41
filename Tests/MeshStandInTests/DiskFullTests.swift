import Foundation
import MeshAPI
import Synchronization
import Testing

/// The database's disk fills up while batches run (an 8 MiB tmpfs, filled by a file;
/// the WAL grows into what the file gave back, so the disk is not smaller): creates answer
/// 507 with words and the log says why, the runner keeps every batch (it used to drop a batch's task
/// at the first failed write, leaving it `in_progress` until a restart), and once the file is deleted
/// every batch finishes by itself with counts equal to its results.
@Suite(.timeLimit(.minutes(1))) struct DiskFullTests {
    @Test func aFullDiskAnswers507AndBatchesGoOnWhenSpaceComesBack() async throws {
        let disk = try await SmallDisk.mount(kilobytes: 8192)
        // Unmounted whatever happens, after the stand-in on it has stopped.
        try await withTeardown({ await disk.unmount() }) {
            let lines = Mutex<[String]>([])
            let harness = try await StandInHarness.start {
                $0.databasePath = disk.path + "/standin.db"
                $0.speed = 20
                $0.requestLog = { line in lines.withLock { $0.append(line) } }
            }
            try await withTeardown({ await harness.stop() }) {
                let ids = try await harness.createBatches(3, itemsEach: 40)
                let filler = try disk.fill()

                // The runner meets the full disk on its own (validating -> in_progress, or a result).
                let deadline = ContinuousClock.now + .seconds(20)
                while !lines.withLock({ $0.contains { $0.hasPrefix("store: cannot write") } }) {
                    try #require(ContinuousClock.now < deadline, "no failed write was logged: \(lines.withLock { $0 }.suffix(5))")
                    try await Task.sleep(for: .milliseconds(20))
                }
                let refused = try await harness.create(StandInHarness.batchBody(count: 2))
                #expect(refused.status == 507)
                #expect(refused.json["error"]?["code"]?.stringValue == "insufficient_storage")
                #expect(refused.json["error"]?["message"]?.stringValue?.contains("disk its database is on is full") == true)
                let logged = lines.withLock { $0 }
                #expect(logged.contains { $0.contains("error: POST /v1/batches") && $0.contains("disk is full") }, "\(logged.suffix(5))")
                // Nothing ends while nothing can be written.
                for id in ids {
                    let batch = try #require(try await harness.call("GET", "/v1/batches/\(id)").batch)
                    #expect(batch.isTerminal == false)
                }

                try FileManager.default.removeItem(atPath: filler)
                for id in ids {
                    let done: Batch
                    do {
                        done = try await harness.waitFor(id, seconds: 20) { $0.isTerminal }
                    } catch {
                        Issue.record("\(id) did not end: \(error); the log: \(lines.withLock { $0 }.filter { !$0.hasPrefix("GET") }.suffix(8))")
                        throw error
                    }
                    #expect(done.status == .completed)
                    #expect(done.requestCounts == RequestCounts(total: 40, completed: 40, failed: 0))
                    #expect(done.results?.count == 40)
                }
                #expect(lines.withLock { $0.contains("store: writes work again; batches go on") })
                #expect(try await harness.create(StandInHarness.batchBody(count: 2)).status == 200)
            }
        }
    }
}
