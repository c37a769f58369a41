import Foundation

/// One item result reduced to what a list of items shows. The full result object (its response
/// body above all) stays in a `ResultSpool` at `span`, so 50,000 items cost a few megabytes, not
/// 50,000 JSON trees.
public struct ItemSummary: Hashable, Sendable {
    public var customID: String
    public var outcome: ItemOutcome
    /// The provider's HTTP status (`response.status_code`), when the item ran.
    public var statusCode: Int?
    /// Why a failed or unrun item did not succeed (`BatchResult.effectiveError`), its texts capped
    /// at `maxErrorCharacters`.
    public var error: ItemError?
    public var totalTokens: Int?
    /// The start of the answer (`answerText`), on one line and at most `maxAnswerCharacters`: what
    /// a list of items shows beside a succeeded item. The whole answer stays in the spool.
    public var answerStart: String?
    /// The whole result object as the server sent it, in the spool.
    public var span: ByteSpan

    public init(customID: String, outcome: ItemOutcome, statusCode: Int?, error: ItemError?,
                totalTokens: Int?, answerStart: String? = nil, span: ByteSpan) {
        self.customID = customID
        self.outcome = outcome
        self.statusCode = statusCode
        self.error = error
        self.totalTokens = totalTokens
        self.answerStart = answerStart
        self.span = span
    }

    /// Characters of an answer a summary keeps: a row at 200 columns shows about 130 of them, and
    /// 50,000 summaries must stay a few megabytes.
    public static let maxAnswerCharacters = 160

    /// An item's answer: `choices[0].message.content` of its response body, the text
    /// `batches results` shows in DETAIL and the items screen starts its rows with.
    public static func answerText(ofBody body: JSONValue?) -> String? {
        body?["choices"]?[0]?["message"]?["content"]?.stringValue
    }

    /// `text`'s first `maxAnswerCharacters` on one line: line breaks and tabs as spaces, runs of
    /// spaces as one (what a terminal would act on is escaped later, by `TerminalText`, where drawn).
    public static func answerStart(_ text: String?) -> String? {
        guard let text else { return nil }
        var line = ""
        var count = 0
        var lastWasSpace = true
        for character in text {
            let space = character.isWhitespace
            if space && lastWasSpace { continue }
            line.append(space ? " " : character)
            lastWasSpace = space
            count += 1
            if count == maxAnswerCharacters { break }
        }
        if line.last == " " { line.removeLast() }
        return line
    }

    /// Characters of an error's message (and code) a summary keeps. The whole result stays in the
    /// spool: 200 results with 10 MiB messages held 2 GB of summaries, and the items screen wrapped
    /// a whole 1 GiB message on the main queue for every frame, so no key was read meanwhile.
    public static let maxErrorCharacters = 1_000

    /// `error` with a message or code longer than `maxErrorCharacters` cut there, saying how long it
    /// was and where the rest is (the item's body, read from the spool when opened).
    public static func capped(_ error: ItemError) -> ItemError {
        func cut(_ text: String?) -> String? {
            guard var text, text.utf8.count > maxErrorCharacters else { return text }
            var length = text.unicodeScalars.count
            // A huge result's summary is read from a `CappedJSONCopy`: its long texts were cut already.
            if let (kept, characters) = CappedJSONCopy.cut(text) { (text, length) = (kept, characters) }
            guard length > maxErrorCharacters else { return text }
            let kept = String(String.UnicodeScalarView(text.unicodeScalars.prefix(maxErrorCharacters)))
            return kept + "… [cut: \(length) characters in all; the item's body has the whole text]"
        }
        return ItemError(code: cut(error.code), message: cut(error.message))
    }

    /// Whether `capped` cut this error's texts (the whole is then in the spool).
    public static func isCut(_ error: ItemError) -> Bool {
        [error.code, error.message].contains { ($0?.unicodeScalars.count ?? 0) > maxErrorCharacters }
    }

    /// The summary of a decoded result stored at `span`.
    public init(_ result: BatchResult, span: ByteSpan) {
        self.init(customID: result.customID, outcome: result.outcome, statusCode: result.response?.statusCode,
                  error: result.effectiveError.map(Self.capped),
                  totalTokens: result.usage?.totalTokens,
                  answerStart: Self.answerStart(Self.answerText(ofBody: result.response?.body)), span: span)
    }
}
