import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One process drives a job at a time. The lease is an open-file-description write lock
/// (`F_OFD_SETLK`) on a small file per job (`jobs.sqlite.leases/JOB.lock`), which the kernel holds
/// while the runner's descriptor is open and lets go of the moment the process is gone (exit,
/// kill -9, a reboot): a dead runner's job is taken over at once, with no timeout to wait out and
/// no stale pid to guess about. Unlike a classic POSIX lock it is not dropped when the same
/// process opens and closes the file elsewhere (asking `isHeld` from the runner's own process).
/// Who holds it and since when are in the journal (`JobSummary.driver`), written by the holder.
public final class JobLease: Sendable {
    public let jobID: String
    private let descriptor: Int32

    // Linux's open-file-description locks (fcntl.h, _GNU_SOURCE): not exported to Swift by Glibc.
    private static let getLock: Int32 = 36
    private static let setLock: Int32 = 37

    private init(jobID: String, descriptor: Int32) {
        self.jobID = jobID
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The leases' folder beside the journal.
    public static func folder(forJournal path: String) -> String { path + ".leases" }

    /// Takes the job's lease; nil when another open lease holds it. Throws when the file cannot be made.
    public static func acquire(_ jobID: String, in folder: String) throws -> JobLease? {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw JobJournalError(.writeFailed, "cannot create \(folder): \(error.localizedDescription)")
        }
        let path = folder + "/" + jobID + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw JobJournalError(.writeFailed, "cannot open the lease \(path): \(String(cString: strerror(errno)))")
        }
        var lock = Self.wholeFile(F_WRLCK)
        guard fcntl(fd, setLock, &lock) == 0 else {
            close(fd)
            return nil
        }
        return JobLease(jobID: jobID, descriptor: fd)
    }

    /// Whether some process holds `jobID`'s lease now. Asks without taking anything (`F_OFD_GETLK`).
    public static func isHeld(_ jobID: String, in folder: String) -> Bool {
        let fd = open(folder + "/" + jobID + ".lock", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var query = Self.wholeFile(F_WRLCK)
        return fcntl(fd, getLock, &query) == 0 && query.l_type != Int16(F_UNLCK)
    }

    private static func wholeFile(_ type: Int32) -> flock {
        var lock = flock()
        lock.l_type = Int16(type)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 0
        lock.l_len = 0
        lock.l_pid = 0
        return lock
    }
}
