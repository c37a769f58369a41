import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Standard output written in blocks: a command printing 50,000 rows makes a few hundred
/// `write(2)` calls, not 50,000. What is given is written as it is (escaping is the caller's).
struct StandardOutput {
    var buffer: [UInt8] = []
    static let blockSize = 256 * 1024

    init() { buffer.reserveCapacity(Self.blockSize + 4096) }

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
    }

    /// Writes the buffer once it holds a block.
    mutating func flushIfFull() {
        if buffer.count >= Self.blockSize { flush() }
    }

    mutating func flush() {
        var done = 0
        buffer.withUnsafeBytes { bytes in
            while done < bytes.count {
                let wrote = Glibc.write(STDOUT_FILENO, bytes.baseAddress! + done, bytes.count - done)
                if wrote < 0 && errno == EINTR { continue }
                // A reader that went away (EPIPE): nothing more can be written; stop trying.
                guard wrote > 0 else { done = bytes.count; break }
                done += wrote
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
