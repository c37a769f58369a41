#if os(Linux) && (arch(x86_64) || arch(arm64))
import Glibc

/// The running executable's ELF program headers (64-bit: the Elf64 layout), as the kernel mapped them, and the address it was
/// loaded at (zero for a position-dependent executable).
///
/// Found through the auxiliary vector the kernel hands every process (`AT_PHDR`, `AT_PHNUM`), read
/// from `/proc/self/auxv`: `getauxval` and `dl_iterate_phdr` are not in Swift's Glibc module.
struct ProgramHeaders {
    let base: UInt
    let entries: UnsafeBufferPointer<Elf64_Phdr>

    static func ofThisExecutable() -> ProgramHeaders? {
        guard let vector = auxiliaryVector() else { return nil }
        guard let address = vector[UInt(AT_PHDR)], let count = vector[UInt(AT_PHNUM)],
              let first = UnsafePointer<Elf64_Phdr>(bitPattern: address)
        else { return nil }
        let entries = UnsafeBufferPointer(start: first, count: Int(count))
        // The headers' own entry says where they were linked; where they are now gives the base.
        guard let own = entries.first(where: { $0.p_type == UInt32(PT_PHDR) }) else { return nil }
        return ProgramHeaders(base: address &- UInt(own.p_vaddr), entries: entries)
    }

    /// The auxiliary vector's entries by type: pairs of machine words, ending at `AT_NULL`.
    private static func auxiliaryVector() -> [UInt: UInt]? {
        let descriptor = open("/proc/self/auxv", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var words = [UInt](repeating: 0, count: 128)
        let count = words.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        var vector: [UInt: UInt] = [:]
        var index = 0
        while index + 1 < count / MemoryLayout<UInt>.size, words[index] != UInt(AT_NULL) {
            vector[words[index]] = words[index + 1]
            index += 2
        }
        return vector
    }
}
#endif
