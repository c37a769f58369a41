import AsyncHTTPClient
import MeshAPI

/// The upstream servers one stand-in sends to, one entry per base URL (two routes to one URL share
/// it): its item slots (`--concurrency` in flight) and its health. Slots are per upstream so a
/// server that stops answering holds only its own items' slots, never another server's: after a
/// SIGTERM llama-server leaves its in-flight requests unanswered, and with one shared pool a batch
/// routed to a healthy server made no progress.
final class UpstreamServers: Sendable {
    struct Server: Sendable {
        let slots: ItemSlots
        let health: UpstreamHealth
    }

    private let servers: [String: Server]

    init(_ options: UpstreamOptions, client: HTTPClient, events: UpstreamEventLog) {
        var servers: [String: Server] = [:]
        for route in options.routes where servers[route.baseURL] == nil {
            servers[route.baseURL] = Server(
                slots: ItemSlots(options.concurrency),
                health: UpstreamHealth(baseURL: route.baseURL, client: client, apiKey: options.apiKey,
                                       probeTimeoutSeconds: options.probeTimeoutSeconds, backoff: options.probeBackoff,
                                       events: events))
        }
        self.servers = servers
    }

    func server(for baseURL: String) -> Server? { servers[baseURL] }

    /// Stops every prober; call before the HTTP client is shut down.
    func stop() async {
        for server in servers.values { await server.health.stop() }
    }
}
