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
        try await Task.sleep(for: .milliseconds(1_500))
        let lastDateOfFirstRun = try #require(Self.date(try await first.call("GET", "/v1/batches")))
        let firstRunBatches = try #require(try await first.call("GET", "/v1/batches").page?.data)
        await first.stop()

        let second = try await StandInHarness.start(configure)
        defer { Task { await second.stop() } }
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
