/// One row of the key table (k9s style): the footer hints and the `?` overlay are generated from these.
public struct KeyBinding: Hashable, Sendable {
    public var keys: [Key]
    /// How the key is written in hints and help ("↑/k", "⏎").
    public var keyLabel: String
    /// What it does, in a word or two.
    public var label: String
    /// Shown in the footer (everything is shown in help).
    public var visible: Bool
    /// Destroys or changes something on the server: asks first, hidden under `--readonly`.
    public var dangerous: Bool
    public var command: Command
    public var contexts: Set<KeyContext>

    public init(_ keys: [Key], _ keyLabel: String, _ label: String, visible: Bool = true,
                dangerous: Bool = false, _ command: Command, in contexts: Set<KeyContext>) {
        self.keys = keys
        self.keyLabel = keyLabel
        self.label = label
        self.visible = visible
        self.dangerous = dangerous
        self.command = command
        self.contexts = contexts
    }
}
