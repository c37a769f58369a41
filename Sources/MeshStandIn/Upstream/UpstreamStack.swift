import AsyncHTTPClient
import MeshAPI

/// What `--upstream` adds to a stand-in, built in one step for `StandInServer.start`: the HTTP
/// client, the upstream servers (slots and health), the event log, the model directory that asks
/// the upstreams for their models (at start, periodically, and for an unknown model), and the
/// worker. `stop()` ends the background tasks and then the client (AsyncHTTPClient traps on a
/// client dropped while running).
struct UpstreamStack: Sendable {
    let worker: UpstreamRunner
    let models: ModelDirectory
    private let client: HTTPClient
    private let servers: UpstreamServers
    private let refresher: Task<Void, Never>?

    static func start(_ options: UpstreamOptions, catalog: ModelCatalog) async -> UpstreamStack {
        let client = UpstreamRunner.makeClient(options)
        let events = UpstreamEventLog(write: options.log)
        let servers = UpstreamServers(options, client: client, events: events)
        let models = ModelDirectory(catalog: catalog, recheckSeconds: options.modelsRecheckSeconds) { base in
            // Later lists are quiet when an upstream cannot answer: its outage is logged once by its health.
            await UpstreamModelDiscovery.models(options, catalog: base, client: client, warn: nil)
        }
        let listed = await UpstreamModelDiscovery.models(options, catalog: catalog, client: client, warn: options.warn)
        await models.include(listed)
        var refresher: Task<Void, Never>?
        if options.modelsRefreshSeconds > 0 {
            let every = Duration.milliseconds(Int64(options.modelsRefreshSeconds * 1000))
            refresher = Task {
                while !Task.isCancelled {
                    do { try await Task.sleep(for: every) } catch { return }
                    await models.refresh()
                }
            }
        }
        let worker = UpstreamRunner(options: options, upstreamModels: catalog.upstreamModels, client: client,
                                    servers: servers, events: events)
        return UpstreamStack(worker: worker, models: models, client: client, servers: servers, refresher: refresher)
    }

    func stop() async {
        refresher?.cancel()
        await refresher?.value
        await servers.stop()
        try? await client.shutdown()
    }
}
