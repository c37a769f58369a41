import Foundation
import Glibc

/// The real `meshtop serve` (built by `swift build`) as a child process, for what only a separate
/// process can show: a `kill -9` at any moment, then a restart on the same database.
///
///     let serve = try await ServeProcess.start(["--db", path, "--upstream", url], keys: "rsk_…=team")
///     serve.kill()
public final class ServeProcess: Sendable {
    public static var binaryPath: String { MeshtopBinary.path }

    public let port: Int
    public var pid: Int32 { process.processIdentifier }
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    private let process: Process
    private let exited: Task<Int32, Never>

    private init(port: Int, process: Process, exited: Task<Int32, Never>) {
        self.port = port
        self.process = process
        self.exited = exited
    }

    /// Starts `meshtop serve --port P` plus `arguments` (keys from the environment, never argv)
    /// and returns once it accepts connections. Its output (stdout and stderr) is appended to
    /// `output`, or goes to /dev/null; `errorOutput`, when given, takes stderr instead (a pipe
    /// nobody reads, say).
    public static func start(_ arguments: [String], keys: String, port: Int? = nil,
                             environment extra: [String: String] = [:], output: URL? = nil,
                             errorOutput: FileHandle? = nil) async throws -> ServeProcess {
        let port = port ?? Int.random(in: 20_000..<30_000)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try MeshtopBinary.requireBuilt())
        process.arguments = ["serve", "--port", String(port)] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["MESHTOP_SERVE_KEYS"] = keys
        environment.merge(extra) { $1 }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        if let output {
            if !FileManager.default.fileExists(atPath: output.path) {
                _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            }
            let handle = try FileHandle(forWritingTo: output)
            handle.seekToEndOfFile()
            process.standardOutput = handle
            process.standardError = handle
        } else {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        }
        if let errorOutput { process.standardError = errorOutput }
        // Ends through the termination handler: no cooperative thread waits on the child.
        let (statuses, continuation) = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { continuation.yield($0.terminationStatus); continuation.finish() }
        try process.run()
        let exited = Task { await statuses.first { _ in true } ?? -1 }
        let serve = ServeProcess(port: port, process: process, exited: exited)
        let deadline = ContinuousClock.now + .seconds(20)
        while !(await Self.accepts(port)) {
            guard process.isRunning, ContinuousClock.now < deadline else {
                let endedByItself = !process.isRunning
                serve.kill()
                let status = await exited.value
                throw ServeProcessError(message: "meshtop serve did not listen on \(port) (\(binaryPath))",
                                        exitStatus: endedByItself ? status : nil)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return serve
    }

    /// SIGKILL: no chance to flush, stop the runner or record the clock.
    public func kill() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
    }

    /// SIGTERM, then waits for the exit.
    public func stop() async {
        if process.isRunning { process.terminate() }
        _ = await exited.value
    }

    /// Waits for the process to be gone (after `kill()`).
    public func waitForExit() async { _ = await exited.value }

    /// Whether something accepts a TCP connection on 127.0.0.1:`port` (a blocking connect to
    /// loopback answers at once, refused or accepted).
    private static func accepts(_ port: Int) async -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
