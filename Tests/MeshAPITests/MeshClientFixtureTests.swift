import Foundation
import Testing
@testable import MeshAPI

/// MeshClient against a scripted fixture server: retries, Retry-After, error shapes, malformed
/// answers, and creates that must never be sent twice.
@Suite struct MeshClientFixtureTests {
    static let batchJSON = #"{"id": "batch_1", "status": "in_progress", "surprise": true}"#

    func client(_ server: FixtureServer, sleeps: RecordedSleeps, requestTimeout: Duration = .seconds(5)) -> MeshClient {
        MeshClient(configuration: MeshClientConfiguration(
            baseURL: server.baseURL + "/", apiKey: "rsk_fixturekeyfixturekeyfixture", requestTimeout: requestTimeout,
            retry: sleeps.policy()))
    }

    @Test func retryAfterSecondsIsHonouredThen200() async throws {
        let server = try await FixtureServer.start { _, _, previous in
            previous == 0
                ? .init(status: .tooManyRequests, headers: ["Retry-After": "1"],
                        body: #"{"error": {"code": "rate_limit_exceeded", "message": "slow down"}}"#)
                : .init(body: Self.batchJSON)
        }
        let sleeps = RecordedSleeps()
        let api = client(server, sleeps: sleeps)
        let batch = try await api.using { try await $0.getBatch(id: "batch_1") }
        await server.stop()
        #expect(batch.id == "batch_1")
        #expect(sleeps.all == [.seconds(1)])
        #expect(server.count("GET", "/v1/batches/batch_1") == 2)
    }

    @Test func retryAfterHTTPDateAndBodySecondsAreHonoured() async throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let server = try await FixtureServer.start { _, path, previous in
            switch (path, previous) {
            case ("/v1/batches", 0):
                // Dated when the answer is made, so a slow start of the test does not eat the wait.
                // 40 s ahead (the wait is recorded, not spent; within the 60 s retry budget): a loaded
                // machine took over 3 s between answer and reading when it was 10, and the backoff alone
                // never waits more than 10 s.
                let date = formatter.string(from: Date().addingTimeInterval(40))
                return .init(status: .tooManyRequests, headers: ["Retry-After": date], body: "{}")
            case ("/v1/models", 0):
                return .init(status: .serviceUnavailable, body: #"{"error": {"code": "overloaded", "message": "busy", "retry_after_seconds": 2}}"#)
            case ("/v1/models", _): return .init(body: #"[{"id": "m", "name": "M", "is_free": false}]"#)
            default: return .init(body: #"{"object": "list", "data": [], "has_more": false}"#)
            }
        }
        let sleeps = RecordedSleeps()
        let api = client(server, sleeps: sleeps)
        let models = try await api.using { api in
            _ = try await api.listBatches(after: nil, limit: 5)
            return try await api.listModels()
        }
        await server.stop()
        #expect(models.map(\.id) == ["m"])
        #expect(sleeps.all.count == 2)
        // The HTTP date was about 40 s ahead (whole seconds on the wire, and time lost on the way).
        #expect(sleeps.all[0] > .seconds(25) && sleeps.all[0] <= .milliseconds(40_500), "\(sleeps.all)")
        #expect(sleeps.all[1] == .seconds(2))
    }

    @Test func gatewayErrorsAreRetriedWithinAttemptsAndThenReported() async throws {
        let server = try await FixtureServer.start { _, _, _ in
            .init(status: .badGateway, headers: ["x-request-id": "req_502"], body: "<html>bad gateway</html>")
        }
        let sleeps = RecordedSleeps()
        let api = client(server, sleeps: sleeps)
        let error = await #expect(throws: MeshError.self) { try await api.getBatch(id: "b") }
        await api.shutdown()
        await server.stop()
        #expect(error?.status == 502)
        #expect(error?.requestID == "req_502")
        #expect(error?.message == "bad gateway")
        #expect(server.count("GET", "/v1/batches/b") == 4)
        #expect(sleeps.all.count == 3)
    }

    @Test func retriesStopWhenTheBudgetWouldBeExceeded() async throws {
        let server = try await FixtureServer.start { _, _, _ in
            .init(status: .tooManyRequests, headers: ["Retry-After": "120"], body: "{}")
        }
        let sleeps = RecordedSleeps()
        let api = client(server, sleeps: sleeps)
        let error = await #expect(throws: MeshError.self) { try await api.getBatch(id: "b") }
        await api.shutdown()
        await server.stop()
        #expect(error?.retryAfter == 120)
        #expect(sleeps.all.isEmpty)
        #expect(server.count("GET", "/v1/batches/b") == 1)
    }

    @Test func createIsNeverRetriedOnAGatewayError() async throws {
        let server = try await FixtureServer.start { _, _, _ in .init(status: .badGateway, body: "{}") }
        let sleeps = RecordedSleeps()
        let api = client(server, sleeps: sleeps)
        let request = CreateBatchRequest(requests: [BatchRequestItem(customID: "a", body: .object(["model": .string("m")]))])
        let error = await #expect(throws: MeshError.self) { try await api.createBatch(request) }
        await api.shutdown()
        await server.stop()
        #expect(error?.status == 502)
        #expect(server.count("POST", "/v1/batches") == 1)
        #expect(sleeps.all.isEmpty)
    }

    @Test func createWithNoAnswerIsOutcomeUnknownAndSentOnce() async throws {
        let server = try await FixtureServer.start { _, _, _ in .init(body: Self.batchJSON, delay: 5) }
        let sleeps = RecordedSleeps()
        // 1.5 s, not less: under the full suite's load a shorter deadline could pass before the server had
        // even accepted the connection, and a server stopped while accepting one crashes inside NIO.
        let api = client(server, sleeps: sleeps, requestTimeout: .milliseconds(1500))
        let request = CreateBatchRequest(requests: [BatchRequestItem(customID: "a", body: .object(["model": .string("m")]))])
        let error = await #expect(throws: MeshError.self) { try await api.createBatch(request) }
        await api.shutdown()
        #expect(error?.kind == .outcomeUnknown)
        #expect(error?.description.contains("may or may not") == true)
        #expect(server.count("POST", "/v1/batches") == 1)
        await server.stop()
    }

    @Test func malformedJSONIsADecodingError() async throws {
        let server = try await FixtureServer.start { _, _, _ in .init(body: "{not json") }
        let api = client(server, sleeps: RecordedSleeps())
        let error = await #expect(throws: MeshError.self) { try await api.getBatch(id: "b") }
        await api.shutdown()
        await server.stop()
        #expect(error?.kind == .decoding)
    }

    @Test func aHugeErrorBodyStillReportsItsStatus() async throws {
        let server = try await FixtureServer.start { _, _, _ in
            .init(status: .notFound, body: String(repeating: "x", count: 2 * 1024 * 1024))
        }
        let api = client(server, sleeps: RecordedSleeps())
        let error = await #expect(throws: MeshError.self) { try await api.getBatch(id: "b") }
        await api.shutdown()
        await server.stop()
        #expect(error?.kind == .api && error?.status == 404)
    }

    @Test func resultsFallBackToTheOutputFile() async throws {
        let server = try await FixtureServer.start { _, path, _ in
            switch path {
            case "/v1/files/file_out/content":
                return .init(body: #"{"custom_id": "a", "response": {"status_code": 200, "body": {}}, "error": null}"# + "\n\n"
                    + #"{"custom_id": "b", "response": {"status_code": 500, "body": {"error": {"code": "x", "message": "y"}}}}"# + "\n")
            default:
                return .init(body: #"{"id": "b/1", "status": "completed", "output_file_id": "file_out"}"#)
            }
        }
        let api = client(server, sleeps: RecordedSleeps())
        let batch = try await api.using { try await $0.getBatch(id: "b/1") }
        await server.stop()
        #expect(batch.results?.map(\.customID) == ["a", "b"])
        #expect(batch.results?.last?.outcome == .failed)
        // The id was percent-encoded, so "/" did not become a path separator.
        #expect(server.requests.first?.path == "/v1/batches/b%2F1")
    }

    @Test func sendsUserAgentRequestIDAndBearer() async throws {
        let server = try await FixtureServer.start { _, _, _ in .init(body: Self.batchJSON) }
        let api = client(server, sleeps: RecordedSleeps())
        _ = try await api.using { try await $0.getBatch(id: "batch_1") }
        await server.stop()
        let headers = server.requests.first?.headers ?? [:]
        #expect(headers["user-agent"] == "meshtop/\(MeshClient.version)")
        #expect(headers["x-request-id"]?.hasPrefix("meshtop-") == true)
        #expect(headers["authorization"] == "Bearer rsk_fixturekeyfixturekeyfixture")
    }

    @Test func balanceIsNilOn404() async throws {
        let server = try await FixtureServer.start { _, _, _ in
            .init(status: .notFound, body: #"{"error": {"code": "not_found", "message": "no"}}"#)
        }
        let api = client(server, sleeps: RecordedSleeps())
        let balance = try await api.using { try await $0.balanceUSD() }
        await server.stop()
        #expect(balance == nil)
    }

    @Test func connectionRefusedIsANetworkErrorRetriedThenReported() async throws {
        let sleeps = RecordedSleeps()
        let api = MeshClient(configuration: MeshClientConfiguration(
            baseURL: "http://127.0.0.1:9", apiKey: "rsk_x", connectTimeout: .seconds(1), requestTimeout: .seconds(2),
            retry: sleeps.policy(maxAttempts: 2)))
        let error = await #expect(throws: MeshError.self) { try await api.getBatch(id: "b") }
        await api.shutdown()
        #expect(error?.kind == .network || error?.kind == .timeout)
        #expect(sleeps.all.count == 1)
        #expect(error?.description.contains("rsk_") == false)
    }
}
