import Dashboard

/// A named map from every `StyleRole` to a `RoleStyle`. Named `ColorTheme` rather than `Theme` so it
/// cannot clash with a type of the same name in `Dashboard`.
public struct ColorTheme: Hashable, Sendable {
    public var name: String
    public var styles: [StyleRole: RoleStyle]

    public init(name: String, styles: [StyleRole: RoleStyle]) {
        self.name = name
        self.styles = styles
    }

    /// The style of a role; a theme that leaves a role out shows it plainly.
    public func style(for role: StyleRole) -> RoleStyle {
        styles[role] ?? RoleStyle()
    }

    /// The same theme without colours: what NO_COLOR, --no-color and colourless terminals get.
    /// Attributes stay, so the selection, dialogs and gauges remain visible.
    public var withoutColor: ColorTheme {
        ColorTheme(name: name, styles: styles.mapValues {
            RoleStyle(bold: $0.bold, underline: $0.underline, reverse: $0.reverse)
        })
    }
}
