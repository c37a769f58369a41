/// The help box (`?`): the keys of the screen under it, then every screen's, then the legends.
/// Its only state is how far it is scrolled; its lines are computed from the dashboard.
public struct HelpScreen: Hashable, Sendable {
    public var scroll = ScrollState.viewport

    public init(scroll: ScrollState = .viewport) {
        self.scroll = scroll
    }
}
