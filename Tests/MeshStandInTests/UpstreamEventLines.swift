import Synchronization

/// The upstream event lines a stand-in wrote (`UpstreamOptions.log`), kept for a test to read.
final class UpstreamEventLines: Sendable {
    private let lines = Mutex<[String]>([])

    var all: [String] { lines.withLock { $0 } }

    var write: @Sendable (String) -> Void { { line in self.lines.withLock { $0.append(line) } } }

    func count(_ prefix: String) -> Int { all.filter { $0.hasPrefix(prefix) }.count }

    /// Waits (polling) until a line starting with `prefix` was written, for at most `seconds`.
    func waitFor(_ prefix: String, seconds: Double = 20) async throws {
        let until = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while count(prefix) == 0 {
            guard ContinuousClock.now < until else {
                throw UpstreamEventLinesTimeout(prefix: prefix, seen: all)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

struct UpstreamEventLinesTimeout: Error, CustomStringConvertible {
    let prefix: String
    let seen: [String]
    var description: String { "no '\(prefix)' line; seen: \(seen)" }
}
