/// A decoded answer together with the JSON exactly as the server sent it, so `--json` output can
/// show the API's objects with every field, including ones this version does not know.
public struct RawResponse<Value: Sendable>: Sendable {
    public var value: Value
    public var json: JSONValue
    /// The server's `x-request-id`, when it sent one.
    public var requestID: String?

    public init(value: Value, json: JSONValue, requestID: String?) {
        self.value = value
        self.json = json
        self.requestID = requestID
    }
}
