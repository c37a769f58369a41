import Hummingbird
import MeshAPI

/// An answer that is not a success: either Mesh's error envelope (shape 1) or FastAPI's validation
/// body (shape 2). Handlers throw it; `RequestEnvelopeMiddleware` turns it into the response.
enum APIFailure: Error {
    case envelope(status: HTTPResponse.Status, code: String, message: String, retryAfterSeconds: Int? = nil)
    case validation([ValidationIssue])
    /// Body too large: a plain envelope, but the status is what a proxy in front would send.
    case tooLarge
    /// The store could not write (its disk is full): 507 with words for the caller, and `cause`
    /// (SQLite's message, never a body or a key) for the server's log.
    case cannotStore(cause: String)
    /// Something nobody expected: a bare 500 for the caller, `cause` for the server's log.
    case unexpected(cause: String)

    static let insufficientStorage = HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")

    static let unauthorized = APIFailure.envelope(
        status: .unauthorized, code: "unauthorized", message: "Missing or invalid API key.")
    static func notFound(_ what: String) -> APIFailure {
        .envelope(status: .notFound, code: "not_found", message: "\(what) not found.")
    }

    /// One validation issue, for the common single-field case.
    static func invalid(_ loc: [JSONValue], _ msg: String, type: String = "value_error", input: JSONValue? = nil)
        -> APIFailure
    {
        .validation([ValidationIssue(type: type, loc: loc, msg: msg, input: input)])
    }
}
