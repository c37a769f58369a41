import Foundation
import Logging
import MeshAPI

/// A swift-log handler that appends one line per message to a `LogFile`.
/// Callers never pass the API key; `MeshError` and `MeshClientConfiguration` descriptions leave it out.
/// Each line is escaped by `TerminalText`, as the screen is: messages quote the server (ids, error
/// text), and a raw escape sequence in the log would act on whoever runs `tail` or `less -R` on it,
/// and a raw newline would forge a line of its own.
struct FileLogHandler: LogHandler {
    let label: String
    let file: LogFile
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        let extra = all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let stamp = LogTimestamp.string(for: Date())
        file.write(TerminalText.escaped("\(stamp) \(event.level) \(label): \(event.message)\(extra)"))
    }
}
