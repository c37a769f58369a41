import Foundation
import Testing
@testable import MeshAPI
import MeshtopTestSupport

/// Numbers at the edges from a broken server: floats past Int's range, Int.min and Int.max stamps,
/// counts that overflow when summed, absurd Retry-After. Decoding treats them as absent, and the real
/// binary (list, get, --once) prints instead of trapping (it used to die with SIGILL, exit 132).
@Suite struct HostileNumbersTests {
    static let hostileBatch = #"""
        {"id": "batch_edge", "status": "in_progress", "model": "openai/gpt-4o-mini",
         "created_at": 1e30, "in_progress_at": -9223372036854775808, "expires_at": 9223372036854775807,
         "finalizing_at": -1e300, "completed_at": 1.7976931348623157e308,
         "request_counts": {"total": 500, "completed": 9223372036854775807, "failed": 9223372036854775807}}
        """#

    @Test func stampsOutOfRangeAreAbsent() throws {
        let batch = try JSONDecoder().decode(Batch.self, from: Data(Self.hostileBatch.utf8))
        #expect(batch.createdAt == nil)
        #expect(batch.inProgressAt == nil)
        #expect(batch.expiresAt == nil)
        #expect(batch.finalizingAt == nil)
        #expect(batch.completedAt == nil)
        // A fractional stamp in range is still read (rounded down), as before.
        let fine = try JSONDecoder().decode(Batch.self, from: Data(#"{"id": "b", "created_at": 1764000000.9}"#.utf8))
        #expect(fine.createdAt == 1_764_000_000)
    }

    @Test func countsOutOfRangeAreAbsentAndSumsSaturate() throws {
        let batch = try JSONDecoder().decode(Batch.self, from: Data(Self.hostileBatch.utf8))
        #expect(batch.requestCounts == RequestCounts(total: 500, completed: 0, failed: 0))
        let negative = try JSONDecoder().decode(RequestCounts.self, from: Data(#"{"total": -5, "completed": 3, "failed": -1}"#.utf8))
        #expect(negative == RequestCounts(total: 0, completed: 3, failed: 0))
        // Built in code, counts are not range-checked: the sums saturate instead of trapping.
        let built = RequestCounts(total: 10, completed: .max, failed: .max)
        #expect(built.finished == .max)
        #expect(built.pending == 0)
        #expect(built.clampedToTotal == RequestCounts(total: 10, completed: 10, failed: 0))
        #expect(RequestCounts(total: 500, completed: 600, failed: 0).clampedToTotal.completed == 500)
        #expect(RequestCounts(total: 500, completed: 400, failed: 300).clampedToTotal.failed == 100)
        let usage = TokenUsage(promptTokens: .max, completionTokens: .max) + TokenUsage(promptTokens: 1, completionTokens: 1)
        #expect(usage.totalTokens == .max && usage.promptTokens == .max)
        let tokens = try JSONDecoder().decode(TokenUsage.self, from: Data(#"{"prompt_tokens": 9223372036854775807, "completion_tokens": 2}"#.utf8))
        #expect(tokens == TokenUsage(promptTokens: 0, completionTokens: 2, totalTokens: 2))
    }

    @Test func absurdRetryAfterIsAbsent() {
        let header = MeshError.fromResponse(status: 429, body: Data(), requestIDHeader: nil, retryAfterHeader: "1e30")
        #expect(header.retryAfter == nil)
        let body = MeshError.fromResponse(
            status: 429, body: Data(#"{"error": {"code": "rate_limit_exceeded", "message": "x", "retry_after_seconds": 1e30}}"#.utf8),
            requestIDHeader: nil, retryAfterHeader: "2")
        #expect(body.retryAfter == 2)
        // The policy checks again: a MeshError built in code may carry any wait.
        let delay = RetryPolicy(baseDelay: .seconds(1), maxDelay: .seconds(1)).delay(afterAttempt: 1, retryAfter: 1e30)
        #expect(delay <= .seconds(1))
    }

    /// The commands and `--once` against a server that sends nothing but edge numbers.
    @Test
    func commandsSurviveEdgeNumbers() async throws {
        let server = try await FixtureServer.start { _, path, _ in
            switch path {
            case "/v1/batches":
                return .init(body: #"{"object": "list", "data": [\#(Self.hostileBatch)], "has_more": false}"#)
            case "/v1/batches/batch_edge":
                return .init(body: Self.hostileBatch)
            default:
                return .init(status: .notFound, body: #"{"error": {"code": "not_found", "message": "no"}}"#)
            }
        }
        let environment = ["MESH_API_KEY": "rsk_fixturekeyfixturekeyfixture", "MESH_API_BASE_URL": server.baseURL,
                           "XDG_STATE_HOME": NSTemporaryDirectory() + "meshtop-state-\(UUID().uuidString)"]
        let list = try await MeshtopBinary.run(["batches", "list"], environment: environment)
        let get = try await MeshtopBinary.run(["batches", "get", "batch_edge"], environment: environment)
        let once = try await MeshtopBinary.run(["--once"], environment: environment.merging(["COLUMNS": "120", "LINES": "30"]) { $1 })
        await server.stop()
        #expect(list.code == 0, "\(list.stderr)")
        #expect(list.stdout.contains("batch_edge"))
        #expect(get.code == 0, "\(get.stderr)")
        #expect(get.stdout.contains("batch_edge"))
        #expect(once.code == 0, "\(once.stderr)")
        #expect(once.stdout.contains("edge"))
    }
}
