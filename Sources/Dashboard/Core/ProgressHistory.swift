import Foundation
import MeshAPI

/// Finished-item counts seen across polls, for throughput and ETA. Keeps a short window so the
/// rate follows the batch's current pace rather than its whole life.
public struct ProgressHistory: Hashable, Sendable {
    public struct Sample: Hashable, Sendable {
        public var at: Date
        public var finished: Int
    }

    public private(set) var samples: [Sample] = []
    static let window = 8

    public init() {}

    public mutating func record(finished: Int, at: Date) {
        if let last = samples.last, last.at >= at { return }
        samples.append(Sample(at: at, finished: finished))
        if samples.count > Self.window { samples.removeFirst(samples.count - Self.window) }
    }

    /// Items per second between the oldest and newest sample; nil until two samples show movement.
    public var itemsPerSecond: Double? {
        guard let first = samples.first, let last = samples.last, last.at > first.at,
              last.finished > first.finished else { return nil }
        return Double(WireNumber.difference(last.finished, first.finished)) / last.at.timeIntervalSince(first.at)
    }

    /// Seconds until `pending` items are done at the observed pace.
    public func eta(pending: Int) -> Double? {
        guard let rate = itemsPerSecond, rate > 0 else { return nil }
        return Double(pending) / rate
    }
}
