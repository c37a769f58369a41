/// Work the runtime performs for the dashboard, grouped by kind so the runtime runs them with one
/// switch. `reduce` returns these; every answer comes back through the main queue as an `Action`.
public enum Effect: Hashable, Sendable {
    case api(APIRequest, Epoch)
    case timer(TimerEffect)
    case terminal(TerminalEffect)
    case spool(SpoolEffect)
    /// Read the job journal for the Jobs screen.
    case journal(JournalRead)
}
