/// One binding (k9s and lazygit style): keys, what they do, and how that reads in the current state.
/// The footer and the help are generated from these, the key names from the keys themselves;
/// nothing matches label strings.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var command: Command
    /// Offered in the footer (everything is in the help).
    public var inFooter: Bool
    /// Destroys or changes something on the server: asks first, left out under `--readonly`.
    public var dangerous: Bool
    /// What it does now, in a word or two ("pause" or "resume").
    public var label: @Sendable (DashboardState) -> String
    /// Why it cannot act now (the key then does nothing but say so), or nil when it can.
    public var disabledReason: @Sendable (DashboardState) -> String?

    public init(_ keys: [Key], _ command: Command, footer: Bool = true, dangerous: Bool = false,
                label: @escaping @Sendable (DashboardState) -> String,
                disabled: @escaping @Sendable (DashboardState) -> String? = { _ in nil }) {
        self.keys = keys
        self.command = command
        inFooter = footer
        self.dangerous = dangerous
        self.label = label
        disabledReason = disabled
    }

    public init(_ keys: [Key], _ label: String, _ command: Command, footer: Bool = true,
                dangerous: Bool = false, disabled: @escaping @Sendable (DashboardState) -> String? = { _ in nil }) {
        self.init(keys, command, footer: footer, dangerous: dangerous, label: { _ in label }, disabled: disabled)
    }

    /// Every key's name ("↑/k", "Esc/←/h"), for the help.
    public var keyLabel: String { keys.map(\.name).joined(separator: "/") }
    /// The first key's name, for the footer: the key the binding is known by.
    public var footerLabel: String { keys.first?.name ?? "" }

    /// This binding as it reads in `state`.
    public func offered(in state: DashboardState) -> OfferedKey {
        OfferedKey(keyLabel: keyLabel, footerLabel: footerLabel, label: label(state), command: command,
                   inFooter: inFooter, dangerous: dangerous, disabledReason: disabledReason(state))
    }
}
