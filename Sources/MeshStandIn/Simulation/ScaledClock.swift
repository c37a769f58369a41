import Foundation
import MeshAPI

/// Simulated time that starts at the real wall clock and runs `speed` times faster.
public struct ScaledClock: StandInClock {
    private let speed: Double
    private let origin: Double
    private let started = ContinuousClock.now

    public init(speed: Double, origin: Date = Date()) {
        self.speed = max(speed, 0.000_001)
        self.origin = origin.timeIntervalSince1970
    }

    public func now() -> Double {
        let elapsed = ContinuousClock.now - started
        let seconds = elapsed.inSeconds
        return origin + seconds * speed
    }

    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return try Task.checkCancellation() }
        try await Task.sleep(for: .seconds(seconds / speed))
    }
}
