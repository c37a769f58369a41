/// Stamped on every API request and echoed by its answer, so `reduce` itself can tell an answer
/// that no longer belongs (instead of the runtime counting generations behind its back).
public struct Epoch: Hashable, Sendable {
    /// Bumped by a profile switch: answers made for another owner are dropped whole.
    public var session: Int
    /// Bumped when `r` gives up an overdue round: that round's list and batch answers are dropped.
    /// Cancels, balance and models of the same session still count.
    public var round: Int

    public init(session: Int = 0, round: Int = 0) {
        self.session = session
        self.round = round
    }
}
