/// The `sqlite3` command-line shell (CI installs it), for what a test must do to a database file
/// behind the stand-in's back: make another application's file, or one from a newer meshtop.
enum SQLiteShell {
    @discardableResult
    static func run(_ path: String, _ sql: String) async throws -> String {
        try await ShellCommand.run(["sqlite3", "-batch", path, sql])
    }
}
