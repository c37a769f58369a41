/// Finds the line a key of config.toml is written on, for messages that name it. TOMLKit gives
/// no positions for values, so this reads the text as people write config files: `[table]`
/// headers and `key = value` lines. A key it cannot place (a dotted key, an inline table) is
/// reported without a line rather than with a wrong one.
struct ConfigKeyLocator {
    private var lines: [(table: String, key: String, line: Int)] = []

    init(text: String) {
        var table = ""
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("["), let end = line.firstIndex(of: "]") {
                table = line[line.index(after: line.startIndex)..<end]
                    .split(separator: ".").map { Self.unquoted($0.trimmingCharacters(in: .whitespaces)) }
                    .joined(separator: ".")
            } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
                let key = Self.unquoted(line[..<equals].trimmingCharacters(in: .whitespaces))
                lines.append((table, key, index + 1))
            }
        }
    }

    /// 1-based line of `key` in `table` ("" for the top level, "profiles.work" for a profile).
    func line(of key: String, in table: String) -> Int? {
        lines.first { $0.table == table && $0.key == key }?.line
    }

    /// "config.toml:7: " or "config.toml: " when the line is unknown.
    func place(_ path: String, key: String, in table: String) -> String {
        line(of: key, in: table).map { "\(path):\($0): " } ?? "\(path): "
    }

    private static func unquoted(_ text: String) -> String {
        guard text.count >= 2, let first = text.first, first == text.last, first == "\"" || first == "'" else { return text }
        return String(text.dropFirst().dropLast())
    }
}
