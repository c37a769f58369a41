/// Where the items of some models go: `--upstream URL` (every model: the catch-all) or
/// `--upstream MODEL_PATTERN=URL`, where the pattern is a glob (`*` is any run of characters)
/// matched against the batch's model id and the model name its requests carry.
///
///     try UpstreamRoute.parse("llama*=http://127.0.0.1:8000/v1")
public struct UpstreamRoute: Sendable, Equatable {
    /// nil for the catch-all.
    public var pattern: String?
    /// The OpenAI-compatible base URL, with its `/v1` and without a trailing slash.
    public var baseURL: String

    public init(pattern: String?, baseURL: String) {
        self.pattern = pattern
        var url = baseURL
        while url.hasSuffix("/") { url.removeLast() }
        self.baseURL = url
    }

    /// Reads one `--upstream` value. A value starting with a scheme is a URL (it may itself hold
    /// `=` in a query); anything else is `PATTERN=URL`. The error says which part is wrong without
    /// echoing the value (a URL may carry credentials).
    public static func parse(_ text: String) throws -> UpstreamRoute {
        func isURL(_ candidate: Substring) -> Bool {
            (candidate.hasPrefix("http://") || candidate.hasPrefix("https://"))
                && candidate.count > "https://".count - 1
        }
        let value = text[...]
        if isURL(value) { return UpstreamRoute(pattern: nil, baseURL: String(value)) }
        guard let equals = value.firstIndex(of: "=") else {
            throw StandInStartupError("--upstream: expected an http(s) URL or MODEL_PATTERN=URL")
        }
        let pattern = value[..<equals]
        let url = value[value.index(after: equals)...]
        guard !pattern.isEmpty else {
            throw StandInStartupError("--upstream: the model pattern before '=' is empty")
        }
        guard isURL(url) else {
            throw StandInStartupError("--upstream \(pattern)=…: expected an http(s) URL after '='")
        }
        return UpstreamRoute(pattern: String(pattern), baseURL: String(url))
    }

    /// Whether this route takes `model` (the catch-all takes every model).
    public func matches(_ model: String) -> Bool {
        guard let pattern else { return true }
        return Self.glob(Array(pattern.unicodeScalars)[...], Array(model.unicodeScalars)[...])
    }

    /// `*` matches any run (also empty); every other character matches itself. Iterative with one
    /// backtrack point, so a pattern of many stars cannot take exponential time.
    private static func glob(
        _ pattern: ArraySlice<Unicode.Scalar>, _ text: ArraySlice<Unicode.Scalar>
    ) -> Bool {
        var p = pattern.startIndex
        var t = text.startIndex
        var star: Int?
        var starText = text.startIndex
        while t < text.endIndex {
            if p < pattern.endIndex, pattern[p] == "*" {
                star = p
                starText = t
                p += 1
            } else if p < pattern.endIndex, pattern[p] == text[t] {
                p += 1
                t += 1
            } else if let star {
                p = star + 1
                starText += 1
                t = starText
            } else {
                return false
            }
        }
        while p < pattern.endIndex, pattern[p] == "*" { p += 1 }
        return p == pattern.endIndex
    }
}
