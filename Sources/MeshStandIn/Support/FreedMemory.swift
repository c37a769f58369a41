import Foundation

/// Gives freed memory back to the system. glibc keeps the pages of freed blocks (a big create's
/// parsed tree) in its per-thread arenas, and after the first free of a large mapped block it
/// raises its mapping threshold to that block's size, so later blocks of up to 32 MiB (an upstream's
/// 31 MiB answer, SQLite's record of it) come from the arenas too, each thread's arena keeping its own.
enum FreedMemory {
    /// Worth a trim: below this, what an arena keeps is noise.
    static let largeBlockBytes = 1 << 20

    /// Hands the arenas' free pages back (`malloc_trim`).
    static func returnToSystem() {
        _ = mallocTrim?(0)
    }

    /// Fixes glibc's mapping threshold at 1 MiB (`mallopt(M_MMAP_THRESHOLD)`, which also turns off
    /// its raising): every larger block gets a mapping of its own, given back the moment it is
    /// freed, so the process holds only the large blocks still in use. Process-wide, once.
    static func keepLargeBlocksMapped() {
        _ = keptMapped
    }

    private static let keptMapped: Bool = {
        // M_MMAP_THRESHOLD in glibc's malloc.h.
        let mmapThreshold: Int32 = -3
        return (mallopt?(mmapThreshold, Int32(largeBlockBytes)) ?? 0) == 1
    }()

    /// glibc's `malloc_trim` and `mallopt`, looked up at run time: Glibc's Swift module does not
    /// import them, and other C libraries do not have them.
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(nil, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()

    private static let mallopt: (@convention(c) (Int32, Int32) -> Int32)? = {
        guard let symbol = dlsym(nil, "mallopt") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
    }()
}
