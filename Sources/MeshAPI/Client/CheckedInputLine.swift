import Foundation

/// One request line of a batch input file that passed every local check: what a batch or a job
/// needs of it without parsing it again. `text` is the line as it came (spaces around it and a CR
/// before its LF removed, a lower-case `method` normalised), so it can be put into a create's
/// `requests` array byte for byte: numbers past 2^53 and key order survive.
public struct CheckedInputLine: Sendable {
    /// 1-based, as editors count.
    public var lineNumber: Int
    public var customID: String
    public var model: String
    public var text: String
    /// The parsed line, for callers that want the value (`batches create`); nil from a reader made
    /// with `keepsValues: false` (a job keeps `text`).
    public var value: JSONValue?

    public init(lineNumber: Int, customID: String, model: String, text: String, value: JSONValue?) {
        self.lineNumber = lineNumber
        self.customID = customID
        self.model = model
        self.text = text
        self.value = value
    }

    /// The request as the wire type, method and url filled in as the SDK sends them.
    public var requestItem: BatchRequestItem {
        BatchRequestItem(customID: customID, method: "POST", url: value?["url"]?.stringValue ?? "/v1/chat/completions",
                         body: value?["body"] ?? .object([:]))
    }
}
