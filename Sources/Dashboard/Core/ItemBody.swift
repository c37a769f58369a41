import Foundation
import MeshAPI

/// What the item body view shows: one result object, pretty-printed once when the runtime has read
/// it from the spool (not on every frame), or why it could not be read.
public struct ItemBody: Hashable, Sendable {
    public var batchID: String
    public var customID: String
    public var outcome: ItemOutcome
    /// nil while the runtime is reading it.
    public var lines: [String]?
    public var failure: String?

    public init(batchID: String, customID: String, outcome: ItemOutcome, lines: [String]? = nil, failure: String? = nil) {
        self.batchID = batchID
        self.customID = customID
        self.outcome = outcome
        self.lines = lines
        self.failure = failure
    }

    /// The whole result, pretty-printed with sorted keys so the same body always reads the same.
    public static func prettyLines(_ value: JSONValue) -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else { return ["?"] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            // Tabs would break column alignment.
            String(line).replacingOccurrences(of: "\t", with: "    ")
        }
    }
}
