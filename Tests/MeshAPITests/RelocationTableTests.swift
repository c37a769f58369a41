#if os(Linux) && (arch(x86_64) || arch(arm64))
import Foundation
import Glibc
import Testing
@testable import meshtop

/// The test bundle is itself a position-independent executable with a relocation table, loaded the
/// same way as meshtop: the table is found where the kernel mapped the executable read-only, and
/// its pages leave the resident set when released. Where they lie and whether they are resident is
/// read from /proc (maps, pagemap), not from the code under test.
@Suite struct RelocationTableTests {
    @Test func theExecutablesTableIsFoundInsideAReadOnlyMappingOfTheExecutable() throws {
        let table = try #require(RelocationTable.executableTable())
        #expect(table.byteCount > 4096, "a Swift test bundle has thousands of relocations")
        let executable = try #require(try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        let mapping = try #require(Self.mappings().first { $0.range.contains(table.start) })
        #expect(mapping.path == executable)
        #expect(!mapping.permissions.contains("w"))
        #expect(mapping.range.contains(table.start + table.byteCount - 1))
    }

    @Test func releasedPagesAreNoLongerResidentAndTheProgramRunsOn() throws {
        let table = try #require(RelocationTable.executableTable())
        let released = try #require(RelocationTable.release())
        #expect(released.byteCount > 0)
        #expect(released.byteCount % 4096 == 0)
        #expect(released.start >= table.start)
        #expect(released.start + UInt(released.byteCount) <= table.start + table.byteCount)
        // A read of a neighbouring page (the PLT's table, right after this one, is read by lazy
        // binding) maps back the pages around it that the page cache holds: the kernel faults in
        // 64 KB around each miss. So the ends are left out and the middle must be gone.
        let reach: UInt = 64 * 1024
        try #require(released.byteCount > 4 * Int(reach), "the test bundle's table is several hundred KB")
        let middle = stride(from: released.start + reach, to: released.start + UInt(released.byteCount) - reach, by: 4096)
        #expect(try middle.filter { try Self.isResident($0) }.isEmpty)
        // Read back, the table is the file's bytes again: the first entry's type is a relocation.
        let firstEntry = try #require(UnsafePointer<Elf64_Rela>(bitPattern: released.start))
        #expect(firstEntry.pointee.r_info != 0)
    }

    private struct Mapping {
        let range: Range<UInt>
        let permissions: String
        let path: String
    }

    private static func mappings() throws -> [Mapping] {
        try String(contentsOfFile: "/proc/self/maps", encoding: .utf8).split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6 else { return nil }
            let bounds = fields[0].split(separator: "-").compactMap { UInt($0, radix: 16) }
            guard bounds.count == 2 else { return nil }
            return Mapping(range: bounds[0]..<bounds[1], permissions: String(fields[1]), path: String(fields[5]))
        }
    }

    /// Bit 63 of a page's pagemap entry: the page is in this process's page tables.
    private static func isResident(_ address: UInt) throws -> Bool {
        let descriptor = open("/proc/self/pagemap", O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var entry: UInt64 = 0
        let count = pread(descriptor, &entry, 8, off_t(address / 4096 * 8))
        try #require(count == 8)
        return entry >> 63 == 1
    }
}
#endif
