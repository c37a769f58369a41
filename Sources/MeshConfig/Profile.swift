/// One `[profiles.NAME]` table: where to connect and where the key comes from (exactly one of
/// `key`, `key_file`, `key_command`). `description` never shows the key.
public struct Profile: Sendable, Equatable, CustomStringConvertible {
    public var baseURL: String?
    public var key: String?
    public var keyFile: String?
    public var keyCommand: String?

    public init(baseURL: String? = nil, key: String? = nil, keyFile: String? = nil, keyCommand: String? = nil) {
        self.baseURL = baseURL
        self.key = key
        self.keyFile = keyFile
        self.keyCommand = keyCommand
    }

    public var description: String {
        let source = key != nil ? "key" : keyFile != nil ? "key_file" : keyCommand != nil ? "key_command" : "none"
        return "Profile(base_url: \(baseURL ?? "default"), key source: \(source))"
    }
}
