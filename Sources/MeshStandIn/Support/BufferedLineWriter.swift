import Dispatch
import Foundation
import Synchronization

/// Lines for a file descriptor (the request log on stderr), written off the caller's thread.
///
/// The request log is written from the event loops, once per request. A `write(2)` there made
/// every answer wait for the terminal, and a stderr pipe that stops reading (`meshtop serve | less`,
/// paused) would stop the whole server. Here a line is appended to a buffer under a lock, and one
/// serial queue writes whatever has gathered. When more than `maxPendingBytes` wait, new lines are
/// dropped and counted, and the count is written as a line of its own once the reader catches up.
public final class BufferedLineWriter: Sendable {
    private struct Pending {
        var bytes: [UInt8] = []
        var dropped = 0
        var draining = false
    }

    private let descriptor: Int32
    private let maxPendingBytes: Int
    private let pending = Mutex(Pending())
    private let queue = DispatchQueue(label: "meshtop.line-writer")

    public init(fileDescriptor: Int32, maxPendingBytes: Int = 1 << 20) {
        self.descriptor = fileDescriptor
        self.maxPendingBytes = maxPendingBytes
    }

    /// Queues `line` and a newline; never blocks on the descriptor.
    public func write(_ line: String) {
        let startDrain = pending.withLock { pending -> Bool in
            if pending.bytes.count + line.utf8.count + 1 > maxPendingBytes {
                pending.dropped += 1
            } else {
                pending.bytes.append(contentsOf: line.utf8)
                pending.bytes.append(0x0A)
            }
            guard !pending.draining else { return false }
            pending.draining = true
            return true
        }
        if startDrain { queue.async { self.drain() } }
    }

    /// Waits until every queued line has been written, or `timeout` seconds, whichever is first:
    /// before the process exits, a reader that stopped reading must not keep it from exiting.
    public func flush(timeout: Double = 2) {
        let done = DispatchSemaphore(value: 0)
        queue.async {
            self.drain()
            done.signal()
        }
        _ = done.wait(timeout: .now() + timeout)
    }

    private func drain() {
        while true {
            let (bytes, dropped) = pending.withLock { pending -> ([UInt8], Int) in
                let taken = (pending.bytes, pending.dropped)
                pending.bytes = []
                pending.dropped = 0
                if taken.0.isEmpty, taken.1 == 0 { pending.draining = false }
                return taken
            }
            if bytes.isEmpty, dropped == 0 { return }
            writeAll(bytes)
            if dropped > 0 { writeAll(Array("(\(dropped) log lines dropped: the log was not read fast enough)\n".utf8)) }
        }
    }

    private func writeAll(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return }  // a closed descriptor: the lines have nowhere to go
                offset += written
            }
        }
    }
}
