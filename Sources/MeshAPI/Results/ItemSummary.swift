import Foundation

/// One item result reduced to what a list of items shows. The full result object (its response
/// body above all) stays in a `ResultSpool` at `span`, so 50,000 items cost a few megabytes, not
/// 50,000 JSON trees.
public struct ItemSummary: Hashable, Sendable {
    public var customID: String
    public var outcome: ItemOutcome
    /// The provider's HTTP status (`response.status_code`), when the item ran.
    public var statusCode: Int?
    /// Why a failed or unrun item did not succeed (`BatchResult.effectiveError`).
    public var error: ItemError?
    public var totalTokens: Int?
    /// The whole result object as the server sent it, in the spool.
    public var span: ByteSpan

    public init(customID: String, outcome: ItemOutcome, statusCode: Int?, error: ItemError?,
                totalTokens: Int?, span: ByteSpan) {
        self.customID = customID
        self.outcome = outcome
        self.statusCode = statusCode
        self.error = error
        self.totalTokens = totalTokens
        self.span = span
    }

    /// The summary of a decoded result stored at `span`.
    public init(_ result: BatchResult, span: ByteSpan) {
        self.init(customID: result.customID, outcome: result.outcome, statusCode: result.response?.statusCode,
                  error: result.effectiveError,
                  totalTokens: result.usage?.totalTokens, span: span)
    }
}
