import Foundation

/// The owner's slots used over the last hour, for the header's plot: one sample a minute (the
/// latest reading of that minute wins), at most 60.
public struct SlotHistory: Hashable, Sendable {
    public private(set) var samples: [Int] = []
    /// The minute (since 1970) of the last sample.
    private var lastMinute: Int?
    static let capacity = 60

    public init() {}

    public mutating func record(used: Int, at date: Date) {
        let minute = Int((date.timeIntervalSince1970 / 60).rounded(.down))
        if let lastMinute, minute <= lastMinute, !samples.isEmpty {
            samples[samples.count - 1] = used
            return
        }
        if let lastMinute, minute > lastMinute + 1 {
            // Minutes with no answer repeat the last known value: the slots did not free themselves.
            let gap = min(Self.capacity, minute - lastMinute - 1)
            samples += Array(repeating: samples.last ?? used, count: gap)
        }
        samples.append(used)
        lastMinute = minute
        if samples.count > Self.capacity { samples.removeFirst(samples.count - Self.capacity) }
    }
}
