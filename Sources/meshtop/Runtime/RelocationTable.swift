#if os(Linux) && (arch(x86_64) || arch(arm64))
import Glibc

/// The executable's relocation table, given back to the kernel once the loader is done with it.
///
/// A position-independent executable carries one relocation entry per absolute pointer in its data
/// (Swift type metadata, witness tables, vtables): the shipped release build has 141,000 of them,
/// 3.3 MB that the loader reads through the executable's own mapping before `main` and never reads
/// again. Those pages stay in the process's resident set for as long as it runs, a tenth of the
/// dashboard's RSS with 1,000 batches (DECISIONS.md, "The relocation table, given back").
///
/// `MADV_DONTNEED` on the table's whole pages unmaps them. They are clean pages of a read-only file
/// mapping, so nothing can be lost: a later read would fault the same bytes in from the file. Only
/// `DT_RELA` is released; the PLT's table (`DT_JMPREL`) is read by lazy binding for as long as the
/// program runs, and is left alone.
enum RelocationTable {
    /// What `release()` gave back: the executable's addresses, whole pages.
    struct Released: Equatable {
        let start: UInt
        let byteCount: Int
    }

    /// Releases the executable's relocation table; nil when there is none to release (a static or
    /// non-PIE executable, or a table smaller than a page) or the kernel refused.
    @discardableResult
    static func release() -> Released? {
        guard let table = executableTable() else { return nil }
        let page = UInt(sysconf(Int32(_SC_PAGESIZE)))
        let first = (table.start + page - 1) / page * page
        let end = (table.start + table.byteCount) / page * page
        guard end > first, let address = UnsafeMutableRawPointer(bitPattern: first) else { return nil }
        guard madvise(address, Int(end - first), MADV_DONTNEED) == 0 else { return nil }
        return Released(start: first, byteCount: Int(end - first))
    }

    /// Where the executable's `DT_RELA` table lies in memory, checked to lie inside one of its
    /// read-only loaded segments (the only place where dropping pages is harmless).
    static func executableTable() -> (start: UInt, byteCount: UInt)? {
        guard let headers = ProgramHeaders.ofThisExecutable() else { return nil }
        return table(base: headers.base, headers: headers.entries)
    }

    private static func table(base: UInt, headers: UnsafeBufferPointer<Elf64_Phdr>) -> (start: UInt, byteCount: UInt)? {
        guard let dynamic = headers.first(where: { $0.p_type == UInt32(PT_DYNAMIC) }),
              var entry = UnsafePointer<Elf64_Dyn>(bitPattern: base + UInt(dynamic.p_vaddr))
        else { return nil }
        var address: UInt = 0
        var size: UInt = 0
        while entry.pointee.d_tag != Int64(DT_NULL) {
            switch entry.pointee.d_tag {
            case Int64(DT_RELA): address = UInt(entry.pointee.d_un.d_ptr)
            case Int64(DT_RELASZ): size = UInt(entry.pointee.d_un.d_val)
            default: break
            }
            entry += 1
        }
        guard address != 0, size > 0 else { return nil }
        // glibc rewrites the executable's dynamic entries to run-time addresses while loading it;
        // other loaders leave the link-time ones. Whichever reading lies inside a read-only segment
        // (file-backed, so its pages can be read back) is the table; neither means leave it alone.
        let readOnlySegments = headers.filter { $0.p_type == UInt32(PT_LOAD) && $0.p_flags & UInt32(PF_W) == 0 }
        for start in [address, address &+ base] {
            let inside = readOnlySegments.contains { segment in
                let segmentStart = base + UInt(segment.p_vaddr)
                let (end, overflow) = start.addingReportingOverflow(size)
                return !overflow && start >= segmentStart && end <= segmentStart + UInt(segment.p_filesz)
            }
            if inside { return (start, size) }
        }
        return nil
    }
}
#endif
