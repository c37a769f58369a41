import Foundation
import HTTPTypes
import Hummingbird
import MeshAPI

/// Wraps every request: settles the request id (a caller's valid `X-Request-Id`, or a fresh
/// `req_<ULID>`), turns thrown failures into the contract's two error shapes, stamps
/// `x-request-id` on every answer, and logs one line per request (never the Authorization header).
struct RequestEnvelopeMiddleware<Context: RequestContext>: RouterMiddleware {
    static var requestIDField: HTTPField.Name { HTTPField.Name("x-request-id")! }

    let log: (@Sendable (String) -> Void)?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let started = ContinuousClock.now
        let requestID = Self.requestID(callerValue: request.headers[Self.requestIDField])
        var response: Response
        var failure: APIFailure?
        do {
            response = try await next(request, context)
        } catch let thrown as APIFailure {
            failure = thrown
            response = Self.response(for: thrown, requestID: requestID)
        } catch let error as any HTTPResponseError {
            response = Self.response(for: Self.failure(forStatus: error.status), requestID: requestID)
        } catch {
            failure = .unexpected(cause: Self.cause(of: error))
            response = Self.response(for: failure!, requestID: requestID)
        }
        response.headers[Self.requestIDField] = requestID
        if let log {
            let elapsed = ContinuousClock.now - started
            let ms = elapsed.inSeconds * 1000
            log(Self.logLine(method: request.method.rawValue, path: request.uri.path, status: response.status.code,
                             milliseconds: ms, requestID: requestID))
            if let line = failure.flatMap({ Self.causeLine($0, method: request.method.rawValue, path: request.uri.path,
                                                           requestID: requestID) }) {
                log(line)
            }
        }
        return response
    }

    /// What went wrong behind a 5xx, for the server's log: the error's own description (SQLite's
    /// message and statement; GRDB leaves the statement's arguments, the request's data, out).
    /// Request bodies and keys never reach an error this side of the validator.
    static func cause(of error: any Error) -> String {
        String(describing: error)
    }

    /// The log line that says why an answer was a 5xx; nil for the failures that are the caller's.
    static func causeLine(_ failure: APIFailure, method: String, path: String, requestID: String) -> String? {
        switch failure {
        case .cannotStore(let cause):
            return TerminalText.escaped("error: \(method) \(path) \(requestID): the store cannot write: \(cause)")
        case .unexpected(let cause):
            return TerminalText.escaped("error: \(method) \(path) \(requestID): unexpected: \(cause)")
        case .envelope, .validation, .tooLarge:
            return nil
        }
    }

    /// The request's log line, escaped by `TerminalText` like the client's screen and log: the path
    /// is the caller's. NIO's HTTP/1 parser refuses raw control bytes in a request line today, but
    /// the line goes to whatever terminal runs `meshtop serve`, so it does not rely on the parser.
    static func logLine(method: String, path: String, status: Int, milliseconds: Double, requestID: String) -> String {
        // Tenths by hand: String(format:) was a visible share of a cached list page's cost.
        let tenths = Int((max(0, milliseconds) * 10).rounded(.toNearestOrEven))
        return TerminalText.escaped("\(method) \(path) \(status) \(tenths / 10).\(tenths % 10)ms \(requestID)")
    }

    /// The answer's request id: the caller's `X-Request-Id` when it is acceptable, else a fresh `req_<ULID>`.
    static func requestID(callerValue: String?) -> String {
        callerValue.flatMap(acceptedCallerID) ?? "req_" + ULID.make()
    }

    /// 1-64 characters of `A-Za-z0-9._:-`; anything else is ignored and a new id minted.
    static func acceptedCallerID(_ value: String) -> String? {
        guard (1...64).contains(value.utf8.count) else { return nil }
        let allowed = value.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2E || byte == 0x5F || byte == 0x3A || byte == 0x2D
        }
        return allowed ? value : nil
    }

    /// Router-level errors (no such route, wrong method) in the envelope shape too.
    private static func failure(forStatus status: HTTPResponse.Status) -> APIFailure {
        switch status {
        case .notFound: return .notFound("Route")
        case .contentTooLarge: return .tooLarge
        case .methodNotAllowed:
            return .envelope(status: status, code: "method_not_allowed", message: "Method not allowed.")
        default:
            return .envelope(status: status, code: status.code >= 500 ? "internal_error" : "bad_request",
                             message: status.reasonPhrase)
        }
    }

    static func response(for failure: APIFailure, requestID: String) -> Response {
        switch failure {
        case .validation(let issues):
            // Every echoed `input` is cut down here, where all validation answers pass.
            var echoed = issues
            for index in echoed.indices { echoed[index].input = echoed[index].input.map(EchoedInput.capped) }
            return JSONResponse.make(status: .unprocessableContent, ValidationErrorBody(issues: echoed))
        case .tooLarge:
            let body = ErrorEnvelope(
                error: .init(code: "request_too_large", message: "Request body exceeds 100 MiB."), requestID: requestID)
            return JSONResponse.make(status: .contentTooLarge, body)
        case .cannotStore:
            let body = ErrorEnvelope(
                error: .init(code: "insufficient_storage",
                             message: "The stand-in cannot store anything: the disk its database is on is full. "
                                 + "Nothing was changed; try again once space is freed (its log says more)."),
                requestID: requestID)
            return JSONResponse.make(status: APIFailure.insufficientStorage, body)
        case .unexpected:
            let body = ErrorEnvelope(
                error: .init(code: "internal_error", message: "Internal error (the stand-in's log says more)."),
                requestID: requestID)
            return JSONResponse.make(status: .internalServerError, body)
        case .envelope(let status, let code, let message, let retryAfter):
            let body = ErrorEnvelope(
                error: .init(code: code, message: message, retryAfterSeconds: retryAfter.map(Double.init)),
                requestID: requestID)
            var response = JSONResponse.make(status: status, body)
            if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
            return response
        }
    }
}
