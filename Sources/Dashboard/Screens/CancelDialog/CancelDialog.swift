/// "Cancel batch ...?" with "No" focused until the person moves to "Yes".
public struct CancelDialog: Hashable, Sendable {
    public var batchID: String
    public var yesFocused = false

    public init(batchID: String, yesFocused: Bool = false) {
        self.batchID = batchID
        self.yesFocused = yesFocused
    }
}
