import Foundation

/// Where item results live once they have been read: an unnamed file on disk (created, then
/// unlinked at once, so nothing is left behind however the program ends), or memory when no
/// folder is writable. Each result is written once and read back by its `ByteSpan` when a person
/// opens its body or exports it. Safe to use from any thread.
///
///     let spool = ResultSpool(directory: stateFolder)
///     let offset = try spool.append(bytes)
///     let same = try spool.read(ByteSpan(offset: offset, length: bytes.count))
public final class ResultSpool: @unchecked Sendable {
    /// Where the bytes went: "file in /path" or "memory", for the log.
    public let location: String
    private let lock = NSLock()
    private let descriptor: Int32
    private var memory: [UInt8] = []
    private var end: Int64 = 0

    /// A spool in an unnamed file in `directory`, or in memory when `directory` is nil or the file
    /// cannot be made there.
    public init(directory: String?) {
        var descriptor: Int32 = -1
        if let directory {
            var template = Array((directory + "/results-XXXXXX").utf8CString)
            descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            if descriptor >= 0 {
                // Unlinked now: the space is freed when the descriptor closes, even after kill -9.
                template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            }
        }
        self.descriptor = descriptor
        location = descriptor >= 0 ? "an unnamed file in \(directory ?? "")" : "memory"
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Stores `bytes` and answers the offset they start at.
    public func append(_ bytes: UnsafeRawBufferPointer) throws -> Int64 {
        lock.lock()
        let offset = end
        if descriptor < 0 { memory.append(contentsOf: bytes) }
        end += Int64(bytes.count)
        lock.unlock()
        // The region is reserved, so concurrent appends write their own bytes without holding the lock.
        if descriptor >= 0 { try writeFully(bytes, at: offset) }
        return offset
    }

    /// Reserves `maximum` bytes for one result written piece by piece, its length not known yet (a
    /// huge result is not buffered whole to be appended), and answers where it starts; nil in memory,
    /// where the caller appends it whole as before. On disk the unwritten part is a hole, so a large
    /// reservation costs nothing; `endReservation` gives back what was not used.
    public func reserve(_ maximum: Int64) -> Int64? {
        guard descriptor >= 0 else { return nil }
        lock.lock()
        defer { lock.unlock() }
        let offset = end
        end += maximum
        return offset
    }

    /// Writes `bytes` at `offset`, inside a region `reserve` gave.
    public func write(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws {
        try writeFully(bytes, at: offset)
    }

    /// The result reserved at `offset` took `used` of its `reserved` bytes: the rest is given back
    /// when nothing was stored after it meanwhile (otherwise it stays an unwritten hole).
    public func endReservation(at offset: Int64, reserved: Int64, used: Int64) {
        lock.lock()
        defer { lock.unlock() }
        if end == offset + reserved { end = offset + used }
    }

    /// The bytes stored at `span`.
    public func read(_ span: ByteSpan) throws -> [UInt8] {
        guard span.length > 0 else { return [] }
        if descriptor < 0 {
            lock.lock()
            defer { lock.unlock() }
            let start = Int(span.offset)
            guard start >= 0, start + span.length <= memory.count else { throw ResultSpoolError("no stored result at \(span.offset)") }
            return Array(memory[start..<start + span.length])
        }
        return try [UInt8](unsafeUninitializedCapacity: span.length) { buffer, count in
            var done = 0
            while done < span.length {
                let got = pread(descriptor, buffer.baseAddress! + done, span.length - done, off_t(span.offset) + off_t(done))
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else { throw ResultSpoolError("cannot read stored results: \(String(cString: strerror(errno)))") }
                done += got
            }
            count = done
        }
    }

    /// Gives back the disk space of `span` (a download that failed or was retried): its bytes are
    /// never read again. On Linux the file gets a hole there; elsewhere the space stays until exit.
    public func release(_ span: ByteSpan) {
        guard descriptor >= 0, span.length > 0, let punch = Self.fallocate else { return }
        // FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE (linux/falloc.h).
        _ = punch(descriptor, 0x02 | 0x01, span.offset, Int64(span.length))
    }

    /// Linux's `fallocate`, looked up at run time: Glibc's Swift module does not import it, and
    /// other systems do not have it (there `release` keeps the space until exit).
    private static let fallocate: (@convention(c) (Int32, Int32, Int64, Int64) -> Int32)? = {
        guard let symbol = dlsym(nil, "fallocate") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32, Int64, Int64) -> Int32).self)
    }()

    /// Disk space the file takes (holes excluded); nil in memory.
    var bytesOnDisk: Int64? {
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return Int64(info.st_blocks) * 512
    }

    /// Bytes stored so far (including any a retried download left unused).
    public var size: Int64 {
        lock.lock()
        defer { lock.unlock() }
        return end
    }

    private func writeFully(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws {
        var done = 0
        while done < bytes.count {
            let wrote = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
            if wrote < 0 && errno == EINTR { continue }
            guard wrote > 0 else { throw ResultSpoolError("cannot store results: \(String(cString: strerror(errno)))") }
            done += wrote
        }
    }
}
