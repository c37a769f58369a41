/// The event log (`L`): what ended, failed, was cancelled or refused while the dashboard ran,
/// newest first, with the server's times. The entries are the dashboard's (`DashboardState.events`,
/// kept whichever screen is on top); the screen holds only where it is scrolled to.
public struct EventLogScreen: Hashable, Sendable {
    public var scroll = ScrollState.viewport

    public init() {}
}
