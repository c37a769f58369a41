import Foundation

/// The `sqlite3` command-line shell (CI installs it), for what a test must do to a database file
/// behind the stand-in's back: make another application's file, or one from a newer meshtop.
/// Waits through a termination handler, so no cooperative thread blocks on the child.
enum SQLiteShell {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    @discardableResult
    static func run(_ path: String, _ sql: String) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-batch", path, sql]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard status == 0 else { throw Failure(description: "sqlite3 \(sql): \(text)") }
        return text
    }
}
