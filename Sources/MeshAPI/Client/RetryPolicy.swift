import Foundation

/// How `MeshClient` retries GETs and cancels: jittered exponential backoff that honours
/// `Retry-After`, bounded both by a number of attempts and by a total time budget, so a
/// script never hangs far longer than it asked for. Creates are never retried (see `MeshClient`).
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first one included. 1 turns retrying off.
    public var maxAttempts: Int
    /// The first backoff; each later one doubles, up to `maxDelay`.
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// No retry starts if its wait would end past this much time since the first attempt.
    public var budget: Duration
    /// Waits between attempts. Injectable so tests can see the waits without spending them.
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(10),
                budget: Duration = .seconds(60),
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.budget = budget
        self.sleep = sleep
    }

    /// No retries at all.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The wait before attempt `attempt + 1` after `attempt` failed. A server's `Retry-After` wins
    /// over our own schedule (it knows its limits); otherwise "equal jitter": half the exponential
    /// step fixed, half random, so many clients that failed together do not retry together.
    public func delay(afterAttempt attempt: Int, retryAfter: Double?) -> Duration {
        // Checked again here: a `MeshError` can be built in code with any wait, and Int64(1e30) traps.
        if let retryAfter = WireNumber.retryAfter(retryAfter) { return .milliseconds(Int64((retryAfter * 1000).rounded(.up))) }
        let base = baseDelay.inSeconds
        let cap = maxDelay.inSeconds
        let step = min(cap, base * pow(2, Double(max(0, attempt - 1))))
        let seconds = step / 2 + Double.random(in: 0...(step / 2))
        return .milliseconds(Int64(seconds * 1000))
    }

    /// Reads `Retry-After`: delta-seconds or an HTTP date (RFC 9110 allows both).
    public static func parseRetryAfter(_ value: String, now: Date = Date()) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: trimmed) { return max(0, date.timeIntervalSince(now)) }
        }
        return nil
    }
}
