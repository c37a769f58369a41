import Foundation
import Glibc
import Synchronization

/// The exclusive claim one stand-in holds on its database file for as long as it runs: an
/// `flock` on a sidecar file beside it (`standin.sqlite.lock`), which holds the holder's pid.
///
/// Two servers on one database both resume its unfinished batches: with `--upstream` every item
/// went out twice (billed twice), and with the simulator batches froze. SQLite's own locks are per
/// transaction, not per process, so they cannot say "someone else runs this database". An
/// `flock` belongs to the open file, and the kernel lets go of it when the process ends however it
/// ends (`kill -9` included), so a crashed server never leaves a stale lock behind. The sidecar
/// file is never deleted: unlinking a lock file lets a third process lock a new file of the same
/// name while the second still holds the old one.
final class DatabaseLock: Sendable {
    let path: String
    private let descriptor: Mutex<Int32?>

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = Mutex(descriptor)
    }

    /// Takes the lock for `databasePath` or throws, naming the pid that holds it when it can.
    static func acquire(databasePath: String) throws -> DatabaseLock {
        let path = databasePath + ".lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StandInStartupError("cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard lockWithGrace(descriptor) else {
            let reason = errno
            let holder = Self.recordedPID(descriptor)
            close(descriptor)
            guard reason == EWOULDBLOCK else {
                throw StandInStartupError("cannot lock \(path): \(String(cString: strerror(reason)))")
            }
            let who = holder.map { "another meshtop serve (pid \($0))" } ?? "another meshtop serve"
            throw StandInStartupError(
                "the database \(databasePath) is in use by \(who); stop that one first, or give this one another --db")
        }
        let pid = Data("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return DatabaseLock(path: path, descriptor: descriptor)
    }

    /// How long a start waits for a holder to let go before refusing. A server that is stopping
    /// lets go at the end of its stop, and a child that another thread of this process is
    /// spawning holds a copy of the descriptor (and so the flock) from its fork until its exec
    /// closes it: a restart in one process (the tests, an embedding app) can meet either for a
    /// moment. A second server that really runs is refused after this wait.
    static let graceSeconds = 2.0

    /// `flock` without blocking, tried again every 20 ms for up to `graceSeconds`; errno is
    /// the last attempt's when it returns false.
    private static func lockWithGrace(_ descriptor: Int32) -> Bool {
        let deadline = Date().addingTimeInterval(graceSeconds)
        while true {
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return true }
            let reason = errno
            guard reason == EWOULDBLOCK, Date() < deadline else {
                errno = reason
                return false
            }
            usleep(20_000)
            errno = reason
        }
    }

    /// Lets go of the lock (a stopped server, so the next one in this process can open the file).
    func release() {
        descriptor.withLock { descriptor in
            guard let open = descriptor else { return }
            close(open)  // closing the last descriptor of the open file drops the flock
            descriptor = nil
        }
    }

    deinit { release() }

    private static func recordedPID(_ descriptor: Int32) -> Int32? {
        var bytes = [UInt8](repeating: 0, count: 32)
        let count = pread(descriptor, &bytes, bytes.count, 0)
        guard count > 0 else { return nil }
        let text = String(decoding: bytes[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int32(text).flatMap { $0 > 0 ? $0 : nil }
    }
}
