import Foundation
import MeshAPI

/// Writes result objects from the spool to a JSONL file, one object a line, as the server sent them.
enum ItemExport {
    /// Where `fileName` goes: the current directory, as the message line says. Throws when that
    /// directory no longer exists; Foundation's `currentDirectoryPath` then answers "" and the file
    /// landed in `/`.
    static func destination(for fileName: String) throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else {
            throw ItemExportError(description: "the current directory is gone (\(String(cString: strerror(errno))))")
        }
        let directory = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (directory.hasSuffix("/") ? directory : directory + "/") + fileName
    }

    /// Written to a file beside the target and linked in under its name at the end, so a failed
    /// export never leaves half a file under the name the message line gives. An existing file is
    /// never replaced: the export takes the first free name of `path`, `-2`, `-3`... (before the
    /// extension), with `link(2)`, which fails rather than replace, so two exports at once cannot
    /// take one name either. Answers the path written, which the message line shows.
    @discardableResult
    static func write(spans: [ByteSpan], from spool: ResultSpool, to path: String) throws -> String {
        // Unique, so two exports of the same items at once cannot write into each other.
        let partial = path + ".partial-" + UUID().uuidString.prefix(8)
        guard FileManager.default.createFile(atPath: partial, contents: nil),
              let handle = FileHandle(forWritingAtPath: partial) else {
            // The name the person asked for, not the partial one, and why (errno of the failed open).
            throw ItemExportError(description: "cannot create a file there (\(String(cString: strerror(errno))))")
        }
        do {
            var buffer: [UInt8] = []
            for span in spans {
                // A server may pretty-print; a raw newline can only be whitespace in JSON, so a
                // space keeps the object valid and on one line.
                buffer += try spool.read(span).map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }
                buffer.append(0x0A)
                if buffer.count >= 1 << 20 {
                    try handle.write(contentsOf: buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            try handle.write(contentsOf: buffer)
            try handle.close()
            let written = try linkUnderFreeName(partial, path)
            unlink(partial)
            return written
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }

    /// Links `file` in as `path`, or as the first of `name-2.ext`, `name-3.ext`... not taken.
    private static func linkUnderFreeName(_ file: String, _ path: String) throws -> String {
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension
        let stem = ext.isEmpty ? path : String(path.dropLast(ext.utf8.count + 1))
        for number in 1...10_000 {
            let candidate = number == 1 ? path : "\(stem)-\(number)" + (ext.isEmpty ? "" : ".\(ext)")
            if link(file, candidate) == 0 { return candidate }
            guard errno == EEXIST else {
                throw ItemExportError(description: "cannot create a file there (\(String(cString: strerror(errno))))")
            }
        }
        throw ItemExportError(description: "10,000 files of that name exist already")
    }
}
