import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who besides its owner can read or change a file that holds a key or says what to run.
///
/// A config.toml that another user can change decides what `key_command` runs as you; a key file
/// that others can read gives the key away. Like ssh (which refuses such a private key), meshtop
/// refuses those and warns about a readable config that holds a key. A group-writable file is
/// only exposed when the group holds someone else: on systems that give each user a group of
/// their own (umask 002), 0664 is the normal mode and nobody else is in the group.
struct FileExposure: Equatable {
    var mode: mode_t
    /// Others, or a group with other members, may change the file.
    var writableByOthers: Bool
    /// Anyone but the owner may read the file.
    var readableByOthers: Bool

    /// "0664", for messages.
    var modeText: String { "0" + String(mode & 0o777, radix: 8) }

    /// nil when the file cannot be examined (it does not exist: the caller says so in its own words).
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        mode = info.st_mode
        let groupWritable = info.st_mode & S_IWGRP != 0 && Self.groupHasOthers(info.st_gid, owner: info.st_uid)
        writableByOthers = info.st_mode & S_IWOTH != 0 || groupWritable
        readableByOthers = info.st_mode & (S_IROTH | S_IRGRP) != 0
    }

    /// Whether group `gid` holds a user other than `owner` (its listed members, or it is not the
    /// owner's own primary group).
    private static func groupHasOthers(_ gid: gid_t, owner: uid_t) -> Bool {
        guard let group = getgrgid(gid) else { return true }
        if let members = group.pointee.gr_mem {
            var index = 0
            while let member = members[index] {
                if let user = getpwnam(member), user.pointee.pw_uid != owner { return true }
                index += 1
            }
        }
        guard let user = getpwuid(owner) else { return true }
        return user.pointee.pw_gid != gid
    }
}
