import ArgumentParser

/// "did you mean list?" for a mistyped subcommand (`meshtop batches lst`), as git and cargo say it.
///
/// ArgumentParser only says "Unexpected argument 'lst'". The arguments are walked down the command
/// tree by subcommand name; the first word that names no subcommand where one is expected gets the
/// nearest name, when it is close enough to be a typo (at most two edits, or a unique prefix).
enum SubcommandSuggestion {
    /// The line to add under the parse error, or nil when no subcommand is near what was typed.
    static func hint(for arguments: [String], root: any ParsableCommand.Type) -> String? {
        var command: any ParsableCommand.Type = root
        var path = [root.configuration.commandName ?? "meshtop"]
        for argument in arguments where !argument.hasPrefix("-") {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty else { return nil }
            if let next = subcommands.first(where: { names(of: $0).contains(argument) }) {
                command = next
                path.append(next.configuration.commandName ?? argument)
                continue
            }
            let candidates = subcommands.flatMap(names(of:))
            guard let nearest = nearest(to: argument, among: candidates) else { return nil }
            return "did you mean `\((path + [nearest]).joined(separator: " "))`?"
        }
        return nil
    }

    private static func names(of command: any ParsableCommand.Type) -> [String] {
        [command.configuration.commandName].compactMap { $0 } + command.configuration.aliases
    }

    /// The candidate within two edits of `typed` (the closest, the first on a tie), or the only one
    /// that `typed` begins.
    static func nearest(to typed: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(typed, $0)) }.filter { $0.1 <= min(2, max(1, typed.count / 2)) }
        if let best = scored.min(by: { $0.1 < $1.1 }) { return best.0 }
        let prefixed = candidates.filter { $0.hasPrefix(typed) }
        return prefixed.count == 1 && typed.count >= 2 ? prefixed[0] : nil
    }

    /// Levenshtein distance over characters (insert, delete, substitute; a swap of two neighbours
    /// counts one, as in Damerau's: `lsit` is one typo from `list`).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
