import Foundation
import MeshAPI

/// An item's result made readable once, when it is read from the spool (not on every frame):
/// what a person looks for first (the model's answer, or the error message) as plain text, then
/// the whole object pretty-printed.
public struct ItemBodyContent: Hashable, Sendable {
    /// "answer" or "error", when the result has one.
    public var headlineLabel: String?
    /// Its text split at newlines (wrapping is the renderer's).
    public var headlineLines: [String] = []
    /// The raw JSON, pretty-printed with sorted keys so the same body always reads the same.
    public var json: [String]

    public init(_ value: JSONValue) {
        json = Self.prettyLines(value)
        if let answer = Self.answerText(value) {
            headlineLabel = "answer"
            headlineLines = Self.lines(answer)
        } else if let error = Self.errorText(value) {
            headlineLabel = "error"
            headlineLines = Self.lines(error)
        }
    }

    /// `response.body.choices[0].message.content`, when it is text.
    static func answerText(_ value: JSONValue) -> String? {
        guard case .array(let choices)? = value["response"]?["body"]?["choices"], let first = choices.first else { return nil }
        return first["message"]?["content"]?.stringValue ?? first["text"]?.stringValue
    }

    /// The error's code and message, from the item's `error` or the provider's error body.
    static func errorText(_ value: JSONValue) -> String? {
        for error in [value["error"], value["response"]?["body"]?["error"]] {
            guard let error, error != .null else { continue }
            if let text = error.stringValue { return text }
            let code = error["code"]?.stringValue ?? error["type"]?.stringValue
            let message = error["message"]?.stringValue
            if code != nil || message != nil {
                return [code, message].compactMap { $0 }.joined(separator: ": ")
            }
        }
        return nil
    }

    /// Text split at newlines, tabs as spaces (they would break the column arithmetic), and
    /// terminal control characters made visible.
    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map {
            TerminalText.escaped(String($0).replacingOccurrences(of: "\t", with: "    "))
        }
    }

    static func prettyLines(_ value: JSONValue) -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else { return ["?"] }
        return lines(text)
    }
}
