/// One binding (k9s and lazygit style): keys, what they do, and how that reads in the current state.
/// The footer and the help are generated from these; nothing matches label strings.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    /// How the key is written in hints and help ("↑/k", "⏎").
    public var keyLabel: String
    public var command: Command
    /// Offered in the footer (everything is in the help).
    public var inFooter: Bool
    /// Destroys or changes something on the server: asks first, left out under `--readonly`.
    public var dangerous: Bool
    /// What it does now, in a word or two ("pause" or "resume").
    public var label: @Sendable (DashboardState) -> String
    /// Why it cannot act now (the key then does nothing but say so), or nil when it can.
    public var disabledReason: @Sendable (DashboardState) -> String?

    public init(_ keys: [Key], _ keyLabel: String, _ command: Command, footer: Bool = true, dangerous: Bool = false,
                label: @escaping @Sendable (DashboardState) -> String,
                disabled: @escaping @Sendable (DashboardState) -> String? = { _ in nil }) {
        self.keys = keys
        self.keyLabel = keyLabel
        self.command = command
        inFooter = footer
        self.dangerous = dangerous
        self.label = label
        disabledReason = disabled
    }

    public init(_ keys: [Key], _ keyLabel: String, _ label: String, _ command: Command, footer: Bool = true,
                dangerous: Bool = false, disabled: @escaping @Sendable (DashboardState) -> String? = { _ in nil }) {
        self.init(keys, keyLabel, command, footer: footer, dangerous: dangerous, label: { _ in label }, disabled: disabled)
    }

    /// This binding as it reads in `state`.
    public func offered(in state: DashboardState) -> OfferedKey {
        OfferedKey(keyLabel: keyLabel, label: label(state), command: command, inFooter: inFooter,
                   dangerous: dangerous, disabledReason: disabledReason(state))
    }
}
