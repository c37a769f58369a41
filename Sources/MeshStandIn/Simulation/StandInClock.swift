import Foundation

/// Where the stand-in's time comes from. Injectable so tests and demos run a 24h window in seconds.
public protocol StandInClock: Sendable {
    /// Simulated Unix time, in seconds.
    func now() -> Double
    /// Waits for `seconds` of simulated time.
    func sleep(seconds: Double) async throws
}
