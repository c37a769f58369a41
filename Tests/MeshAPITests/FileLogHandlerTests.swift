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

    /// Two dashboards share meshtop.log: two `LogFile`s on one path (each its own descriptor, as two
    /// processes have), eight threads each, write lines of many lengths at once. Every line arrives
    /// whole and once; none is cut into another or overwritten.
    @Test func twoWritersNeverFuseOrLoseLines() throws {
        let state = NSTemporaryDirectory() + "meshtop-log-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: state) }
        let files = [LogFile(environment: ["XDG_STATE_HOME": state]), LogFile(environment: ["XDG_STATE_HOME": state])]
        let perThread = 300
        DispatchQueue.concurrentPerform(iterations: 16) { thread in
            let file = files[thread % 2]
            for index in 0..<perThread {
                file.write("writer-\(thread)-line-\(index) " + String(repeating: "x", count: (index * 37) % 900))
            }
        }
        let lines = try String(contentsOfFile: files[0].path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "", "the file ends with a newline")
        let written = lines.dropLast()
        #expect(written.count == 16 * perThread)
        var seen = Set<String>()
        for line in written {
            let parts = line.split(separator: " ", omittingEmptySubsequences: false)
            let fields = parts.first?.split(separator: "-") ?? []
            let index = fields.count == 4 ? Int(fields[3]) : nil
            let whole = parts.count == 2 && index.map { parts[1] == String(repeating: "x", count: ($0 * 37) % 900) } == true
            #expect(whole, "a cut or fused line: \(line.prefix(80))")
            seen.insert(String(parts.first ?? ""))
        }
        #expect(seen.count == 16 * perThread, "every line once")
    }

    /// The demo's workload fills the 10 slots on purpose; its 429s are not the user's business: at the
    /// log's default level (info) they leave no line, while a refusal of another kind (501) does.
    @Test(.timeLimit(.minutes(1)), arguments: [429, 501])
    func theDemosExpectedQuotaRefusalsStayOutOfTheLog(status: Int) async throws {
        let server = try await FixtureServer.start { _, _, _ in
            .init(status: .init(code: status), body: #"{"error": {"code": "refused", "message": "no"}}"#)
        }
        let state = NSTemporaryDirectory() + "meshtop-log-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: state) }
        let file = LogFile(environment: ["XDG_STATE_HOME": state])
        var logger = Logger(label: "meshtop") { FileLogHandler(label: $0, file: file) }
        logger.logLevel = .info
        let client = MeshClient(configuration: MeshClientConfiguration(baseURL: server.baseURL, apiKey: "rsk_aaaaaaaaaaaaaaaaaaaaaaaaaa",
                                                                       retry: RetryPolicy(maxAttempts: 1)))
        let workload = Task { await WorkloadGenerator(api: client, logger: logger).run() }
        // The opening burst is seven creates, one after the other: the eighth asked means the seventh's
        // answer was logged.
        while server.count("POST", "/v1/batches") < 8 { try await Task.sleep(for: .milliseconds(20)) }
        workload.cancel()
        _ = await workload.value
        await client.shutdown()
        await server.stop()
        let refusals = try String(contentsOfFile: file.path, encoding: .utf8).split(separator: "\n").filter { $0.contains("refused: \(status) refused: no") }
        if status == 429 {
            #expect(refusals.isEmpty, "\(refusals)")
        } else {
            #expect(refusals.count >= 7, "\(refusals)")
        }
    }

    /// The log's time stamp is made without ICU, and reads as `ISO8601DateFormatter` wrote it
    /// (local time with its offset, milliseconds), across a leap day, years and fractions.
    @Test(arguments: [0, 951_782_400.5, 1_796_336_652.0009, 1_796_336_652.999, 4_102_444_799.25])
    func theLogTimeStampIsTheISO8601FormattersOwn(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let reference = ISO8601DateFormatter.string(from: date, timeZone: .current,
                                                    formatOptions: [.withInternetDateTime, .withFractionalSeconds])
        #expect(LogTimestamp.string(for: date) == reference)
    }
}
