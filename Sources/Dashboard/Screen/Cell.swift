/// One terminal cell: a grapheme and its role. A wide grapheme occupies its cell and marks
/// the next one as `continuation`, so columns stay aligned.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var role: StyleRole
    public var continuation: Bool

    public init(text: String = " ", role: StyleRole = .normal, continuation: Bool = false) {
        self.text = text
        self.role = role
        self.continuation = continuation
    }

    public static let blank = Cell()
}
