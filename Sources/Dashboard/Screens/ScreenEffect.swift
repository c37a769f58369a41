/// What a screen's command asks of the dashboard around it. A screen changes only its own state;
/// anything beyond it (a message, another route, a spool read the results store must count, the
/// runtime's work) it asks for here, and the root (`DashboardState.perform`) does it. TCA's
/// delegate actions, without the library.
public enum ScreenEffect: Hashable, Sendable {
    /// Work for the runtime, as it is.
    case run(Effect)
    /// The message line.
    case say(String, isError: Bool = false)
    /// Another screen on top (the items of a batch, one item's body).
    case show(Route)
    /// Back to the screen under this one.
    case back
    /// A read of the spool: counted by the results store (its space is not given back meanwhile).
    case read(SpoolEffect)
    /// The person opened this batch: its results are touched, and fetched when it ended without them.
    case openedBatch(String)
    /// Close the overlay on top.
    case closeOverlay
    /// The cancel dialog said yes.
    case cancelBatch(String)
    /// `y`: `text` to the terminal's clipboard; `what` names it in the toast ("batch id").
    case copy(String, what: String)
    /// From an item's body (`n`/`N`): the body of the item `by` rows further in the items screen
    /// under it, which moves its selection there.
    case stepItem(by: Int)
}

/// A screen: its own state, its `perform`, its bindings (`Keymap` routes to them) and its drawing,
/// in one folder under `Screens/`. The root routes a command to the screen on top and does what
/// it asks; a new screen is one folder and one `Route` case.
protocol DashboardScreen {
    /// Applies one of this screen's commands, reading the rest of the dashboard from `app`.
    mutating func perform(_ command: Command, in app: DashboardState) -> [ScreenEffect]
}
