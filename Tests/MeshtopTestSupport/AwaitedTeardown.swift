/// Runs `body`, then `teardown`, awaited, whether `body` returned or threw.
///
/// `defer` cannot await, and `defer { Task { await server.stop() } }` lets the test end while the
/// stop still runs: a server or a child process outlives its test, its port and file still held by
/// the next one. Usage:
///
///     let serve = try await ServeProcess.start(["--memory"], keys: key)
///     try await withTeardown({ await serve.stop() }) {
///         #expect(try await StandInHarness(baseURL: serve.baseURL).call("GET", "/v1/batches").status == 200)
///     }
public func withTeardown<Result>(_ teardown: () async -> Void, _ body: () async throws -> Result) async rethrows -> Result {
    let result: Result
    do {
        result = try await body()
    } catch {
        await teardown()
        throw error
    }
    await teardown()
    return result
}
