/// A theme and, when the requested one could not be used, a message that says why in words
/// (naming the file and the problem) for the dashboard's message line.
public struct ThemeLoadResult: Sendable {
    public var theme: ColorTheme
    public var warning: String?

    public init(theme: ColorTheme, warning: String? = nil) {
        self.theme = theme
        self.warning = warning
    }
}
