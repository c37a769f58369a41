import Foundation
import MeshAPI

/// Finished-item counts seen across polls, for throughput, ETA and the detail pane's sparkline.
/// The rate uses the last `window` samples so it follows the batch's current pace rather than its
/// whole life; the sparkline draws up to `kept`.
public struct ProgressHistory: Hashable, Sendable {
    public struct Sample: Hashable, Sendable {
        public var at: Date
        public var finished: Int
    }

    public private(set) var samples: [Sample] = []
    static let window = 8
    static let kept = 60

    public init() {}

    public mutating func record(finished: Int, at: Date) {
        if let last = samples.last, last.at >= at { return }
        samples.append(Sample(at: at, finished: finished))
        if samples.count > Self.kept { samples.removeFirst(samples.count - Self.kept) }
    }

    /// Items per second between the oldest and newest sample; nil until two samples show movement.
    public var itemsPerSecond: Double? {
        guard let first = samples.suffix(Self.window).first, let last = samples.last, last.at > first.at,
              last.finished > first.finished else { return nil }
        return Double(WireNumber.difference(last.finished, first.finished)) / last.at.timeIntervalSince(first.at)
    }

    /// Items per second between each pair of samples, oldest first (for the sparkline).
    public var rates: [Double] {
        zip(samples, samples.dropFirst()).compactMap { earlier, later in
            let seconds = later.at.timeIntervalSince(earlier.at)
            guard seconds > 0 else { return nil }
            return Double(WireNumber.difference(later.finished, earlier.finished)) / seconds
        }
    }

    /// Seconds until `pending` items are done at the observed pace.
    public func eta(pending: Int) -> Double? {
        guard let rate = itemsPerSecond, rate > 0 else { return nil }
        return Double(pending) / rate
    }
}
