import Foundation
import Glibc
import MeshAPI
import MeshtopTestSupport

/// One `meshtop serve` child, a private home for the journal, and the real binary driving jobs
/// against it: what every jobs test starts from.
struct JobsFixture {
    static let key = "rsk_jobsjobsjobsjobsjobsjobs00"
    static let teammateKey = "rsk_jobsteammatejobsteammate0"
    static let keys = "\(key)=team,\(teammateKey)=team"

    let serve: ServeProcess
    let home: URL

    static func start(_ serveArguments: [String], keys: String = JobsFixture.keys, port: Int? = nil) async throws -> JobsFixture {
        let serve = try await ServeProcess.start(serveArguments, keys: keys, port: port)
        return JobsFixture(serve: serve, home: try MeshtopBinary.temporaryHome())
    }

    var environment: [String: String] {
        MeshtopBinary.environment(baseURL: serve.baseURL, key: Self.key, home: home)
    }

    var journalPath: String { home.appendingPathComponent("state/meshtop/jobs.sqlite").path }

    func run(_ arguments: [String], environment extra: [String: String] = [:], stdin: String? = nil) async throws -> MeshtopBinary.Output {
        try await MeshtopBinary.run(arguments, environment: environment.merging(extra) { $1 }, stdin: stdin)
    }

    /// A client of the stand-in, as a teammate of the job's owner.
    func client(key: String = JobsFixture.key) -> MeshClient {
        MeshClient(configuration: .init(baseURL: serve.baseURL, apiKey: key))
    }

    /// Every batch of the owner, all pages.
    func allBatches() async throws -> [Batch] {
        let client = client()
        return try await withTeardown({ await client.shutdown() }) {
            var batches: [Batch] = []
            for try await page in client.allBatchPages(limit: 100) { batches += page.data }
            return batches
        }
    }

    /// Writes an input file of `count` lines over `models` (line i names models[i % models.count]).
    func writeInput(_ name: String, count: Int, models: [String] = ["openai/gpt-4o-mini"], lineEnd: String = "\n") throws -> String {
        let url = home.appendingPathComponent(name)
        var text = ""
        for index in 0..<count {
            let model = models[index % models.count]
            text += #"{"custom_id":"item-\#(index)","body":{"model":"\#(model)","messages":[{"role":"user","content":"question \#(index)"}]}}"# + lineEnd
        }
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func stop() async {
        await serve.stop()
        try? FileManager.default.removeItem(at: home)
    }
}

/// The real binary running in the background, to be killed at a moment of the test's choosing.
final class BackgroundMeshtop: @unchecked Sendable {
    let process = Process()
    let stdoutURL: URL
    let stderrURL: URL
    private let directory: URL
    private let exited: Task<Int32, Never>

    init(_ arguments: [String], environment: [String: String]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("meshtop-bg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        stdoutURL = directory.appendingPathComponent("out")
        stderrURL = directory.appendingPathComponent("err")
        FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: MeshtopBinary.path)
        process.arguments = arguments
        var env = ["PATH": "/usr/bin:/bin"]
        env.merge(environment) { $1 }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        let (statuses, continuation) = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { continuation.yield($0.terminationStatus); continuation.finish() }
        try process.run()
        exited = Task { await statuses.first { _ in true } ?? -1 }
    }

    /// The output files go with the test (the process is killed first if the test left it running).
    deinit {
        kill9()
        try? FileManager.default.removeItem(at: directory)
    }

    var stdout: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }
    var pid: Int32 { process.processIdentifier }

    func kill9() { if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) } }
    func interrupt() { if process.isRunning { Glibc.kill(process.processIdentifier, SIGINT) } }

    /// The exit status (or the signal, for a kill).
    func wait() async -> Int32 { await exited.value }

    /// Waits (up to `seconds`) until stdout has a first line: the job's id.
    func jobID(within seconds: Double = 60) async throws -> String {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now < deadline {
            if let line = stdout.split(separator: "\n").first { return String(line) }
            if !process.isRunning, stdout.isEmpty { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw JobsTestError("no job id on stdout; stderr: \(stderr)")
    }
}

struct JobsTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The lines of `jobs results --jsonl`, parsed.
func resultLines(_ text: String) throws -> [JSONValue] {
    try text.split(separator: "\n").map { try JSONValueParser.parse(String($0)) }
}
