/// A binding as the current state offers it: what the footer and the help draw.
public struct OfferedKey: Hashable, Sendable {
    /// Every key's name, for the help.
    public var keyLabel: String
    /// The first key's name, for the footer.
    public var footerLabel: String
    public var label: String
    public var command: Command
    public var inFooter: Bool
    public var dangerous: Bool
    public var disabledReason: String?

    public var enabled: Bool { disabledReason == nil }
}
