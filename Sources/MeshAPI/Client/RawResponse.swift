import Foundation

/// A decoded answer together with the JSON exactly as the server sent it, so `--json` output can
/// show the API's objects with every field, including ones this version does not know.
public struct RawResponse<Value: Sendable>: Sendable {
    public var value: Value
    /// The answer's bytes as they came.
    public var body: Data
    /// The server's `x-request-id`, when it sent one.
    public var requestID: String?
    /// The answer's `Date` header, when it had a valid one.
    public var serverDate: Date?

    public init(value: Value, body: Data, requestID: String?, serverDate: Date? = nil) {
        self.value = value
        self.body = body
        self.requestID = requestID
        self.serverDate = serverDate
    }

    /// The answer as JSON, parsed when asked for: the dashboard never needs it, and decoding a list
    /// page twice per poll was half of its idle CPU.
    public var json: JSONValue {
        (try? JSONValueParser.parse(body)) ?? .null
    }
}
