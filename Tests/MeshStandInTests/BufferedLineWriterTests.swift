import Foundation
import Glibc
import MeshStandIn
import Testing

/// The request log's writer, over a real pipe: lines come out whole and in order, and a reader
/// that stops reading never holds up the writer (lines are dropped and counted instead).
@Suite struct BufferedLineWriterTests {
    private static func pipeEnds() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw POSIXError(.EMFILE) }
        return (ends[0], ends[1])
    }

    /// Everything the read end gives until the write end is closed.
    private static func readAll(_ descriptor: Int32) async -> String {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var received: [UInt8] = []
                var chunk = [UInt8](repeating: 0, count: 65_536)
                while true {
                    let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                    guard count > 0 else { break }
                    received += chunk[0..<count]
                }
                continuation.resume(returning: String(decoding: received, as: UTF8.self))
            }
        }
    }

    @Test func linesComeOutWholeAndInOrder() async throws {
        let (readEnd, writeEnd) = try Self.pipeEnds()
        defer { close(readEnd) }
        let writer = BufferedLineWriter(fileDescriptor: writeEnd)
        let reading = Task { await Self.readAll(readEnd) }
        // From several threads at once, as the event loops log.
        await withTaskGroup(of: Void.self) { group in
            for thread in 0..<4 {
                group.addTask { for line in 0..<2_000 { writer.write("t\(thread) line \(line)") } }
            }
        }
        writer.flush(timeout: 30)
        close(writeEnd)
        let lines = await reading.value.split(separator: "\n")
        #expect(lines.count == 8_000)
        for thread in 0..<4 {
            let own = lines.filter { $0.hasPrefix("t\(thread) ") }
            #expect(own == (0..<2_000).map { "t\(thread) line \($0)"[...] }, "thread \(thread)'s lines in its order")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aReaderThatStopsNeverHoldsTheWriter() async throws {
        let (readEnd, writeEnd) = try Self.pipeEnds()
        defer { close(readEnd) }
        let writer = BufferedLineWriter(fileDescriptor: writeEnd, maxPendingBytes: 64 * 1024)
        // Nobody reads: the pipe (64 KiB) and the buffer fill, and writes must still return at once.
        let line = String(repeating: "x", count: 99)
        let started = ContinuousClock.now
        for _ in 0..<100_000 { writer.write(line) }  // 10 MB, far past both
        let spent = ContinuousClock.now - started
        #expect(spent < .seconds(20), "write() waited for the reader: \(spent)")

        let reading = Task { await Self.readAll(readEnd) }
        // The reader reads now, but on a loaded machine its task may start late: the 2 s that keep a
        // process with an unread log from hanging at exit would cut this drain short.
        writer.flush(timeout: 30)
        close(writeEnd)
        let text = await reading.value
        let lines = text.split(separator: "\n")
        // Each time the writer catches up it says how many it dropped since the last time.
        let notes = lines.filter { $0.contains("log lines dropped") }
        #expect(!notes.isEmpty, "the loss is said")
        let dropped = notes.reduce(0) { $0 + (Int($1.dropFirst().prefix { $0.isNumber }) ?? 0) }
        let kept = lines.filter { $0 == line }.count
        #expect(kept + dropped == 100_000, "every line is either written or counted")
        #expect(kept > 0 && dropped > 0)
        #expect(lines.allSatisfy { $0 == line || $0.contains("log lines dropped") }, "no line is cut")
    }
}
