import ArgumentParser
import MeshConfig
import TerminalUI

/// What the generated shell completion scripts (`meshtop --generate-completion-script bash|zsh|fish`)
/// offer for the values that have a known set: read when the user presses Tab, so a profile added to
/// config.toml or a theme file dropped in the themes folder is offered at once.
enum ShellCompletions {
    /// The `[profiles.NAME]` of the user's config.toml (none when it cannot be read).
    static let profiles = CompletionKind.custom { _, _, _ in
        (try? ConfigFile.load())?.profileNames ?? []
    }

    /// The built-in themes and the user's own.
    static let themes = CompletionKind.custom { _, _, _ in ThemeLoader().availableNames }

    /// `batches list --status`: every status, `active` and `done`.
    static let statuses = CompletionKind.list(BatchesListCommand.statusChoices)

    /// A batch input file: JSON Lines.
    static let inputFile = CompletionKind.file(extensions: ["jsonl", "json", "ndjson"])
}
