import Foundation

/// The server's clock, estimated from the `Date` header of its answers, so ages read true against
/// a server whose clock is skewed or runs faster (the stand-in at `--speed N`).
///
/// Kept as the last reading plus a rate: the server's seconds per local second, measured over at
/// least `minimumSpan` local seconds (a header has whole seconds only). A rate within 2% of 1 is
/// taken as 1, so a real server's clock never drifts from a rounding error.
public struct ServerClock: Hashable, Sendable {
    /// The latest reading: local time and the server's time then.
    public private(set) var local: Date?
    public private(set) var server: Date?
    /// Server seconds per local second.
    public private(set) var rate: Double = 1
    /// The reading the rate is measured from.
    private var anchorLocal: Date?
    private var anchorServer: Date?

    static let minimumSpan: Double = 5
    /// Faster than this is read as a step of the clock. The stand-in's `--speed` goes higher (the
    /// benchmarks use 2000): there ages are right at each answer and stand still between them.
    static let maximumRate: Double = 200

    public init() {}

    /// Takes one answer's `Date`, received at local time `at`.
    public mutating func record(serverDate: Date, at: Date) {
        if let anchorLocal, let anchorServer {
            let span = at.timeIntervalSince(anchorLocal)
            let measured = serverDate.timeIntervalSince(anchorServer) / span
            if span > 0, measured > Self.maximumRate || measured < 0 {
                // A step, not a pace (NTP, a stand-in restarted at another clock): follow the new
                // time at once, keep the pace, and measure it again from here.
                self.anchorLocal = at
                self.anchorServer = serverDate
                server = serverDate
                local = at
                return
            }
            if span >= Self.minimumSpan {
                rate = abs(measured - 1) < 0.02 ? 1 : max(measured, 0.01)
                if span > 60 {
                    // Follow changes of pace (a restart at another --speed) within a minute.
                    self.anchorLocal = local
                    self.anchorServer = server
                }
            }
        } else {
            anchorLocal = at
            anchorServer = serverDate
        }
        // A header says whole seconds: keep the estimate when the reading only confirms it.
        let predicted = serverTime(at: at)
        if local == nil || abs(predicted.timeIntervalSince(serverDate)) >= 1 { server = serverDate } else { server = predicted }
        local = at
    }

    /// The server's time at local time `date`.
    public func serverTime(at date: Date) -> Date {
        guard let local, let server else { return date }
        return server.addingTimeInterval(date.timeIntervalSince(local) * rate)
    }
}
