import Foundation
import MeshAPI
import MeshStandIn
import Testing
import MeshtopTestSupport

/// Simulated time at `--speed N` survives a restart: it resumes from the database's high-water
/// mark, so no stamp goes backwards, and every answer's `Date` header follows the simulated clock.
@Suite struct ClockTests {
    private static func date(_ reply: StandInHarness.Reply) -> Double? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return reply.header("date").flatMap { formatter.date(from: $0) }?.timeIntervalSince1970
    }

    /// Each pair is (earlier, later) of one batch: the lifecycle's order, whichever stamps it has.
    private static func orderViolations(_ batch: Batch) -> [String] {
        let created = batch.createdAt
        let pairs: [(String, Int?, String, Int?)] = [
            ("created_at", created, "in_progress_at", batch.inProgressAt),
            ("in_progress_at", batch.inProgressAt, "finalizing_at", batch.finalizingAt),
            ("finalizing_at", batch.finalizingAt, "completed_at", batch.completedAt),
            ("created_at", created, "cancelling_at", batch.cancellingAt),
            ("in_progress_at", batch.inProgressAt, "cancelling_at", batch.cancellingAt),
            ("cancelling_at", batch.cancellingAt, "cancelled_at", batch.cancelledAt),
            ("created_at", created, "expired_at", batch.expiredAt),
        ]
        return pairs.compactMap { earlierName, earlier, laterName, later in
            guard let earlier, let later, later < earlier else { return nil }
            return "\(batch.id): \(laterName) \(later) < \(earlierName) \(earlier)"
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aRestartAtSpeed100NeverGoesBackInTime() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("meshtop-clock-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("standin.db").path
        let configure: @Sendable (inout StandInOptions) -> Void = {
            $0.databasePath = path
            $0.speed = 100
        }

        // First run: one batch finishes, one is still running (2,000 items at 4 in flight take
        // ~1,250 simulated seconds), and simulated time runs ~100 s ahead per real second.
        let first = try await StandInHarness.start(configure)
        let short = try #require(try await first.create(StandInHarness.batchBody(count: 4)).batch?.id)
        let long = try #require(try await first.create(StandInHarness.batchBody(count: 2_000)).batch?.id)
        _ = try await first.waitFor(short) { $0.status == .completed }
        _ = try await first.waitFor(long) { $0.status == .inProgress }
        // Simulated time runs well ahead of the wall clock before the first run stops: its Date
        // 120 simulated seconds past this point (about 1.2 real seconds at --speed 100).
        let ahead = try #require(Self.date(try await first.call("GET", "/v1/batches"))) + 120
        let aheadDeadline = ContinuousClock.now + .seconds(20)
        while try #require(Self.date(try await first.call("GET", "/v1/batches"))) < ahead {
            try #require(ContinuousClock.now < aheadDeadline, "simulated time did not run ahead")
            try await Task.sleep(for: .milliseconds(20))
        }
        let lastDateOfFirstRun = try #require(Self.date(try await first.call("GET", "/v1/batches")))
        let firstRunBatches = try #require(try await first.call("GET", "/v1/batches").page?.data)
        await first.stop()

        let second = try await StandInHarness.start(configure)
        try await withTeardown({ await second.stop() }) {
            let resumed = try await second.call("GET", "/v1/batches")
            let firstDateOfSecondRun = try #require(Self.date(resumed))
            #expect(firstDateOfSecondRun >= lastDateOfFirstRun, "Date went back \(lastDateOfFirstRun - firstDateOfSecondRun) s")

            let fresh = try await second.create(StandInHarness.batchBody(count: 4))
            let freshID = try #require(fresh.batch?.id)
            let latestOfFirstRun = firstRunBatches.flatMap {
                [$0.createdAt, $0.inProgressAt, $0.finalizingAt, $0.completedAt].compactMap { $0 }
            }.max() ?? 0
            #expect((fresh.batch?.createdAt ?? 0) >= latestOfFirstRun, "a new batch was created before the last run's stamps")
            _ = try await second.call("POST", "/v1/batches/\(long)/cancel", body: Data("{}".utf8))
            _ = try await second.waitFor(long) { $0.status == .cancelled }
            _ = try await second.waitFor(freshID) { $0.status == .completed }

            let all = try #require(try await second.call("GET", "/v1/batches").page?.data)
            #expect(all.count == 3)
            let violations = all.flatMap(Self.orderViolations)
            #expect(violations.isEmpty, "\(violations)")

            // The Date header is the simulated clock: a real second apart, it moves ~100 s.
            let before = try #require(Self.date(try await second.call("GET", "/v1/batches")))
            try await Task.sleep(for: .seconds(1))
            let after = try #require(Self.date(try await second.call("GET", "/v1/batches")))
            #expect(after - before >= 50, "Date moved \(after - before) s in a real second at --speed 100")
        }
    }

    /// Every stamp a batch carries.
    private static func stamps(_ batch: Batch) -> [Int] {
        [batch.createdAt, batch.inProgressAt, batch.finalizingAt, batch.completedAt, batch.failedAt, batch.expiredAt,
         batch.cancellingAt, batch.cancelledAt].compactMap { $0 }
    }

    /// The real `meshtop serve --speed 100 --db FILE`, killed with SIGKILL three times at random
    /// moments while batches are created and listed, and started again on the same file each time.
    /// The clock's mark is stored every 250 ms of real time (25 simulated seconds here), so a
    /// restart that resumed from the mark alone went back by up to that much. Batches are created
    /// only in the first half of each run: in the second, the clock runs on with no new stamp to
    /// resume from, which is where the kill comes.
    @Test(.timeLimit(.minutes(2)))
    func killNineAtSpeed100NeverSendsTheClockBack() async throws {
        guard FileManager.default.isExecutableFile(atPath: ServeProcess.binaryPath) else {
            Issue.record("build meshtop first (swift build): \(ServeProcess.binaryPath)")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("meshtop-clock-kill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let arguments = ["--speed", "100", "--db", folder.appendingPathComponent("standin.db").path]
        let keys = "\(StandInHarness.keyA)=team-a"

        // What every earlier run said before its kill: the latest stamp and the latest Date.
        var latestStampSeen = 0
        var latestDateSeen = 0.0
        var createdAfterARestart = 0
        // Batches created over all runs: the last run goes on until more than 10 exist (a loaded
        // machine creates fewer a second), so the order check below has something to check.
        var createdInAll = 0
        for run in 0..<4 {
            let serve = try await ServeProcess.start(arguments, keys: keys)
            let harness = StandInHarness(baseURL: serve.baseURL)
            let stampsBeforeThisRun = latestStampSeen
            if run > 0 {
                let first = try #require(Self.date(try await harness.call("GET", "/v1/batches", timeout: .seconds(10))))
                #expect(first >= latestDateSeen, "run \(run): Date went back \(latestDateSeen - first) s after the kill")
            }
            let started = ContinuousClock.now
            let killAfter = Duration.milliseconds(Int.random(in: 400...2_000))
            let isLastRun = run == 3
            let killer = Task {
                guard !isLastRun else { return }
                try? await Task.sleep(for: killAfter)
                serve.kill()
            }
            // Every answer that arrived was sent before the kill.
            func note(_ reply: StandInHarness.Reply) {
                if let date = Self.date(reply) { latestDateSeen = max(latestDateSeen, date) }
                let batches = reply.page?.data ?? reply.batch.map { [$0] } ?? []
                latestStampSeen = max(latestStampSeen, batches.flatMap(Self.stamps).max() ?? 0)
            }
            // No request is started after the kill: HTTPClient.shared retries a refused connect until
            // the request's deadline, so one would only wait out its timeout.
            func goesOn() -> Bool {
                let elapsed = ContinuousClock.now - started
                guard isLastRun else { return elapsed < killAfter }
                return elapsed < .seconds(1) || (createdInAll <= 10 && elapsed < .seconds(30))
            }
            while goesOn() {
                do {
                    if isLastRun || ContinuousClock.now - started < killAfter / 2 {
                        let created = try await harness.create(StandInHarness.batchBody(count: Int.random(in: 2...12)),
                                                               timeout: .seconds(10))
                        note(created)
                        if created.batch != nil { createdInAll += 1 }
                        if let batch = created.batch, run > 0 {
                            createdAfterARestart += 1
                            #expect((batch.createdAt ?? 0) >= stampsBeforeThisRun,
                                    "run \(run): \(batch.id) created at \(batch.createdAt ?? 0), before \(stampsBeforeThisRun) seen before the kill")
                        }
                    }
                    note(try await harness.call("GET", "/v1/batches?limit=100", timeout: .seconds(10)))
                } catch {
                    // Only the kill may end a run; anything before it is the server failing.
                    if ContinuousClock.now - started < killAfter || isLastRun { Issue.record("run \(run): \(error)") }
                    break
                }
            }
            await killer.value
            if isLastRun {
                // Every batch of every run, each one's stamps in lifecycle order.
                var all: [Batch] = []
                var after: String?
                repeat {
                    let path = "/v1/batches?limit=100" + (after.map { "&after=\($0)" } ?? "")
                    let page = try #require(try await harness.call("GET", path).page)
                    all += page.data
                    after = page.hasMore ? page.lastID : nil
                } while after != nil
                let violations = all.flatMap(Self.orderViolations)
                #expect(violations.isEmpty, "\(violations.prefix(5))")
                #expect(all.count > 10)
                await serve.stop()
            } else {
                await serve.waitForExit()
            }
        }
        #expect(createdAfterARestart > 0)
    }
}
