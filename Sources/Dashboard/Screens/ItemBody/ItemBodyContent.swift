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
    /// The headline's text exactly as the server sent it (not escaped, tabs kept), for `y`:
    /// the clipboard gets it as base64, so nothing in it reaches the terminal as a control.
    public var headlineText: String?

    public init(_ value: JSONValue) {
        json = Self.prettyLines(value)
        let answers = Self.answerTexts(value)
        if answers.count == 1 {
            headlineText = answers[0]
            headlineLabel = "answer"
            headlineLines = Self.lines(answers[0])
        } else if answers.count > 1 {
            // `n` > 1: every choice, each under its number (the first alone hid the others).
            headlineText = answers.joined(separator: "\n\n")
            headlineLabel = "answers (\(answers.count) choices)"
            for (number, answer) in answers.enumerated() {
                if number > 0 { headlineLines.append("") }
                headlineLines.append("choice \(number + 1) of \(answers.count):")
                headlineLines += Self.lines(answer)
            }
        } else if let error = Self.errorText(value) {
            headlineText = error
            headlineLabel = "error"
            headlineLines = Self.lines(error)
        }
    }

    /// Each `response.body.choices[i].message.content` (or `text`) that is text, in order.
    static func answerTexts(_ value: JSONValue) -> [String] {
        guard case .array(let choices)? = value["response"]?["body"]?["choices"] else { return [] }
        return choices.compactMap { $0["message"]?["content"]?.stringValue ?? $0["text"]?.stringValue }
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
