import Foundation
import Logging
import MeshAPI
import Testing
@testable import meshtop

/// meshtop.log quotes the server (batch ids, error messages): its lines are escaped like the
/// screen, so `tail -f meshtop.log` cannot be driven by a batch's author, and one message is one line.
@Suite struct FileLogHandlerTests {
    @Test func logLinesAreEscapedAndStayOneLine() throws {
        let state = NSTemporaryDirectory() + "meshtop-log-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: state) }
        let file = LogFile(environment: ["XDG_STATE_HOME": state])
        let logger = Logger(label: "meshtop.test") { FileLogHandler(label: $0, file: file) }
        let error = MeshError(kind: .api, status: 404, code: "not_found", message: "no such batch\u{1B}[2J\u{9B}31m\nforged: line")
        logger.warning("get batch_\u{1B}]0;title\u{7} failed: \(error)", metadata: ["id": "x\u{1B}[41m\u{7F}"])

        let text = try String(contentsOfFile: file.path, encoding: .utf8)
        let controls = text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
        #expect(controls.isEmpty, "control characters in the log: \(text.debugDescription)")
        #expect(text.split(separator: "\n").count == 1, "one message, one line: \(text)")
        #expect(text.contains(#"batch_\e]0;title\u0007 failed"#) && text.contains(#"no such batch\e[2J\u009b31m\nforged: line"#))
        #expect(text.contains(#"id=x\e[41m\u007f"#))
    }
}
