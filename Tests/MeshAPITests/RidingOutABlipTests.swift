import Foundation
import Testing
@testable import MeshAPI
import MeshtopTestSupport

/// `batches wait` through an outage: it polls on through network and server errors, says so once
/// per outage, and stops at once on what waiting cannot fix (401, 403, 404). The classification
/// both the command and the dashboard use is `MeshError.isOutage`, tested here once.
@Suite struct RidingOutABlipTests {
    static let key = "rsk_fixturekeyfixturekeyfixture"

    @Test func outagesAreTheFailuresThatPassByThemselves() {
        func api(_ status: Int) -> MeshError { MeshError(kind: .api, status: status, message: "x") }
        #expect(MeshError(kind: .network, message: "refused").isOutage)
        #expect(MeshError(kind: .timeout, message: "slow").isOutage)
        for status in [408, 429, 500, 502, 503, 504, 599] { #expect(api(status).isOutage, "\(status)") }
        for status in [400, 401, 402, 403, 404, 409, 422, 501] { #expect(!api(status).isOutage, "\(status)") }
        #expect(!MeshError(kind: .api, message: "no status").isOutage)
        #expect(!MeshError(kind: .decoding, message: "bad json").isOutage)
        #expect(!MeshError(kind: .outcomeUnknown, message: "lost").isOutage)
    }

    /// Two outages (500s, which the client does not retry at once) between answers: the wait rides
    /// both out and ends with the batch's outcome, one note per outage.
    @Test(.timeLimit(.minutes(1)))
    func waitPollsThroughServerErrors() async throws {
        let server = try await FixtureServer.start { _, _, previous in
            switch previous {
            case 0, 1, 3, 4:
                return .init(status: .internalServerError, body: #"{"error": {"code": "internal_error", "message": "down for a moment"}}"#)
            case 2:
                return .init(body: #"{"id": "b", "status": "in_progress", "request_counts": {"total": 2, "completed": 1, "failed": 0}}"#)
            default:
                return .init(body: #"{"id": "b", "status": "completed", "request_counts": {"total": 2, "completed": 2, "failed": 0}}"#)
            }
        }
        let environment = ["MESH_API_KEY": Self.key, "MESH_API_BASE_URL": server.baseURL]
        let wait = try await MeshtopBinary.run(["batches", "wait", "b", "--interval", "0.1"], environment: environment)
        await server.stop()
        #expect(wait.code == 0, "\(wait.stderr)")
        #expect(wait.stdout == "b completed\n")
        #expect(wait.stderr.components(separatedBy: "server unreachable, retrying").count - 1 == 2, "\(wait.stderr)")
        #expect(wait.stderr.components(separatedBy: "server answering again").count - 1 == 2, "\(wait.stderr)")
        #expect(server.count("GET", "/v1/batches/b") == 6)
    }

    /// --timeout still holds while the server is down.
    @Test(.timeLimit(.minutes(1)))
    func waitGivesUpAtItsTimeoutDuringAnOutage() async throws {
        let server = try await FixtureServer.start { _, _, _ in .init(status: .internalServerError, body: "{}") }
        let environment = ["MESH_API_KEY": Self.key, "MESH_API_BASE_URL": server.baseURL]
        let wait = try await MeshtopBinary.run(["batches", "wait", "b", "--interval", "0.2", "--timeout", "1"], environment: environment)
        await server.stop()
        #expect(wait.code == 7, "\(wait.stderr)")
        #expect(wait.stderr.components(separatedBy: "server unreachable, retrying").count - 1 == 1, "\(wait.stderr)")
        #expect(wait.stderr.contains("timed out after 1s"))
    }

    /// What waiting cannot fix ends the wait at the first answer.
    @Test(.timeLimit(.minutes(1)),
          arguments: [401, 403, 404])
    func waitStopsAtOnceOnConfigurationErrors(status: Int) async throws {
        let server = try await FixtureServer.start { _, _, _ in
            .init(status: .init(code: status), body: #"{"error": {"code": "nope", "message": "not for you"}}"#)
        }
        let environment = ["MESH_API_KEY": Self.key, "MESH_API_BASE_URL": server.baseURL]
        let wait = try await MeshtopBinary.run(["batches", "wait", "b", "--interval", "0.1"], environment: environment)
        await server.stop()
        #expect(wait.code == 1, "\(wait.stderr)")
        #expect(!wait.stderr.contains("retrying"))
        #expect(server.count("GET", "/v1/batches/b") == 1)
    }

    /// The outage note quotes the server's message: escaped like every other message (a clear-screen,
    /// a window title, an OSC 52 clipboard write, C1, a bidi override and a bare CR come out visible).
    @Test(.timeLimit(.minutes(1)))
    func waitEscapesTheServersMessage() async throws {
        let hostile = #"down\u001b[2J\u001b]0;pwned\u0007\u001b]52;c;aGk=\u0007\u009b31m\u202egnp.exe\rforged"#
        let server = try await FixtureServer.start { _, _, previous in
            previous == 0
                ? .init(status: .internalServerError, body: #"{"error": {"code": "internal_error", "message": "\#(hostile)"}}"#)
                : .init(body: #"{"id": "b", "status": "completed", "request_counts": {"total": 1, "completed": 1, "failed": 0}}"#)
        }
        let environment = ["MESH_API_KEY": Self.key, "MESH_API_BASE_URL": server.baseURL]
        let wait = try await MeshtopBinary.run(["batches", "wait", "b", "--interval", "0.1"], environment: environment)
        await server.stop()
        #expect(wait.code == 0, "\(wait.stderr)")
        #expect(TerminalSafetyTests.controls(in: wait.stderr).isEmpty, "\(wait.stderr.debugDescription)")
        #expect(!wait.stderr.unicodeScalars.contains("\u{202E}"), "\(wait.stderr.debugDescription)")
        #expect(wait.stderr.contains(#"down\e[2J\e]0;pwned\u0007\e]52;c;aGk=\u0007\u009b31m\u202egnp.exe\rforged"#),
                "\(wait.stderr.debugDescription)")
    }

    /// A 429 asking for a day: `wait` does not poll through it at --interval. The next poll would come
    /// after --timeout, so it gives up at once (exit 7) and says why, after one request.
    @Test(.timeLimit(.minutes(1)))
    func waitHonoursRetryAfterPastItsInterval() async throws {
        let server = try await FixtureServer.start { _, _, previous in
            previous == 0
                ? .init(status: .tooManyRequests, headers: ["Retry-After": "86400"],
                        body: #"{"error": {"code": "rate_limit_exceeded", "message": "slow down"}}"#)
                : .init(body: #"{"id": "b", "status": "completed", "request_counts": {"total": 1, "completed": 1, "failed": 0}}"#)
        }
        let environment = ["MESH_API_KEY": Self.key, "MESH_API_BASE_URL": server.baseURL]
        let wait = try await MeshtopBinary.run(["batches", "wait", "b", "--interval", "0.1", "--timeout", "600"],
                                               environment: environment)
        await server.stop()
        #expect(wait.code == 7, "\(wait.stdout)\(wait.stderr)")
        #expect(server.count("GET", "/v1/batches/b") == 1)
        #expect(wait.stderr.contains("the server is limiting requests, waiting 86400s as it asks (Retry-After)"), "\(wait.stderr)")
        #expect(wait.stderr.contains("the server asked to wait 86400s, past --timeout"), "\(wait.stderr)")
    }
}
