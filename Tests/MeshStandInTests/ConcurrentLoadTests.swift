import AsyncHTTPClient
import Foundation
import MeshAPI
import Synchronization
import Testing
import MeshtopTestSupport

/// Many clients at once against a file database with the simulator busy: every request must be
/// answered. Five GET loops used to hang `meshtop serve --db` for good, once the simulator's
/// synchronous store reads held both cooperative threads waiting for GRDB readers.
@Suite struct ConcurrentLoadTests {
    /// What the loops saw: answers by status, and requests that got no answer (timeout, reset).
    private final class Tally: Sendable {
        private let state = Mutex<(answered: [Int: Int], unanswered: [String])>(([:], []))

        func answered(_ status: Int) { state.withLock { $0.answered[status, default: 0] += 1 } }
        func unanswered(_ what: String) { state.withLock { $0.unanswered.append(what) } }
        var snapshot: (answered: [Int: Int], unanswered: [String]) { state.withLock { $0 } }

        /// One request; an answer of any status counts, a timeout or a dropped connection does not.
        func attempt(_ what: String, _ request: () async throws -> StandInHarness.Reply) async -> StandInHarness.Reply? {
            do {
                let reply = try await request()
                answered(reply.status)
                return reply
            } catch {
                unanswered("\(what): \(error)")
                return nil
            }
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func fiftyLoopsOfGetListCancelAgainstTenActiveBatchesAreAllAnswered() async throws {
        let watchdog = DeadlockWatchdog("the 50-loop load test", seconds: 90)
        defer { watchdog.finish() }
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("meshtop-load-\(UUID().uuidString)").appendingPathComponent("standin.db").path
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        // Real time, so the ten batches stay active (100 items, 4 in flight, 1-4 s each) for the
        // whole run while the simulator writes a result every fraction of a second.
        let harness = try await StandInHarness.start {
            $0.databasePath = path
            $0.speed = 1
            $0.validatingSeconds = 0.5
        }
        try await withTeardown({ await harness.stop() }) {
            let created = try await harness.createBatches(10, itemsEach: 100)

            // Its own client: the shared one opens at most 8 connections to a host, and this test is
            // about 50 requests in flight at once.
            var configuration = HTTPClient.Configuration()
            configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            try await withTeardown({ try? await client.shutdown() }) {
                let active = created
                let tally = Tally()
                let deadline = ContinuousClock.now + .seconds(20)
                await withTaskGroup(of: Void.self) { group in
                    for loop in 0..<50 {
                        group.addTask {
                            var round = 0
                            while ContinuousClock.now < deadline {
                                round += 1
                                switch loop % 3 {
                                case 0:
                                    let id = active[(loop + round) % active.count]
                                    _ = await tally.attempt("GET \(id)") {
                                        try await harness.call("GET", "/v1/batches/\(id)", timeout: .seconds(10), client: client)
                                    }
                                case 1:
                                    _ = await tally.attempt("list") {
                                        try await harness.call("GET", "/v1/batches?limit=100", timeout: .seconds(10), client: client)
                                    }
                                default:
                                    // The other team creates and cancels its own batches (429 once it holds
                                    // ten): writes that race the simulator's, without ending team A's.
                                    let created = await tally.attempt("create") {
                                        try await harness.create(StandInHarness.batchBody(count: 5), key: StandInHarness.keyB,
                                                                 timeout: .seconds(10), client: client)
                                    }
                                    if let id = created?.batch?.id {
                                        _ = await tally.attempt("cancel \(id)") {
                                            try await harness.call("POST", "/v1/batches/\(id)/cancel", key: StandInHarness.keyB,
                                                                   body: Data("{}".utf8), timeout: .seconds(10), client: client)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }

                let seen = tally.snapshot
                #expect(seen.unanswered.isEmpty, "unanswered: \(seen.unanswered.count), first: \(seen.unanswered.prefix(3))")
                let total = seen.answered.values.reduce(0, +)
                // A hang answers a few hundred and then nothing; a healthy server answers thousands.
                #expect(total > 2_000, "answered \(total) requests by status \(seen.answered)")
                #expect(Set(seen.answered.keys).isSubset(of: [200, 409, 429]), "statuses: \(seen.answered)")

                // The simulator kept working under the load: team A's batches still move.
                let page = try #require(try await harness.call("GET", "/v1/batches?limit=100").page)
                let progressed = page.data.filter { active.contains($0.id) && ($0.requestCounts?.finished ?? 0) > 0 }
                #expect(progressed.count == 10)
            }
        }
    }
}
