import Foundation

/// A small tmpfs of its own, to fill up: a real "disk full" under the stand-in's database. Mounting
/// needs root (CI and this machine run the tests as root); `mount` says why when it cannot.
struct SmallDisk {
    let path: String

    static func mount(kilobytes: Int) async throws -> SmallDisk {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("meshtop-disk-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        do {
            try await ShellCommand.run(["mount", "-t", "tmpfs", "-o", "size=\(kilobytes)k,mode=0700", "tmpfs", path])
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        return SmallDisk(path: path)
    }

    /// Writes a file until the disk refuses another byte; returns its path.
    func fill() throws -> String {
        let filler = path + "/filler"
        FileManager.default.createFile(atPath: filler, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: filler))
        defer { try? handle.close() }
        let chunk = Data(repeating: 0x61, count: 4096)
        while (try? handle.write(contentsOf: chunk)) != nil {}
        return filler
    }

    /// Lazily (`-l`): a file still open on it cannot keep the mount behind.
    func unmount() async {
        _ = try? await ShellCommand.run(["umount", "-l", path])
        try? FileManager.default.removeItem(atPath: path)
    }
}
