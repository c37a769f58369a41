import MeshAPI

extension MeshClient {
    /// Runs `body` and shuts the client down however it ends (AsyncHTTPClient traps on a client
    /// dropped while running, which would hide the real test failure).
    func using<T>(_ body: (MeshClient) async throws -> T) async throws -> T {
        do {
            let value = try await body(self)
            await shutdown()
            return value
        } catch {
            await shutdown()
            throw error
        }
    }
}
