/// The poll timer: one one-shot timer, armed only by `reduce`, so polls never overlap.
public enum TimerEffect: Hashable, Sendable {
    /// (Re-)arm it: after `seconds`, send `.pollDue(at:)`. Replaces any armed timer.
    case schedulePoll(after: Double)
    /// Disarm it (pause, or a refresh that polls now).
    case cancelPoll
}
