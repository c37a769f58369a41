import Foundation
import MeshAPI

/// The models the stand-in serves now: the catalog, plus, with `--upstream`, what the upstreams
/// list. Under a process manager serve often starts before llama.cpp has loaded its model, so the
/// upstreams are asked again: every `refreshSeconds`, and when a create names a model not yet known
/// (at most once per `recheckSeconds`, so a client sending unknown names cannot turn each create
/// into a round of `GET /models`). Creates that arrive while a refresh is running wait for it.
actor ModelDirectory {
    private(set) var current: ModelCatalog
    private let base: ModelCatalog
    private let ask: (@Sendable (ModelCatalog) async -> [ModelInfo])?
    private let recheckSeconds: Double
    private var lastAsked: ContinuousClock.Instant?
    private var asking: Task<ModelCatalog, Never>?

    /// A directory that never changes (the simulator, or a catalog-only stand-in).
    init(fixed catalog: ModelCatalog) {
        current = catalog
        base = catalog
        ask = nil
        recheckSeconds = .infinity
    }

    /// `ask` lists the upstreams' models the catalog lacks (`UpstreamModelDiscovery.models`).
    init(catalog: ModelCatalog, recheckSeconds: Double, ask: @escaping @Sendable (ModelCatalog) async -> [ModelInfo]) {
        current = catalog
        base = catalog
        self.ask = ask
        self.recheckSeconds = recheckSeconds
    }

    /// Adds what the upstreams listed at start (asked by the caller, which warns about failures).
    func include(_ listed: [ModelInfo]) {
        let known = Set(current.models.map(\.id))
        current = current.adding(listed.filter { !known.contains($0.id) })
        lastAsked = .now
    }

    /// Asks the upstreams now (at start, and on the periodic timer).
    @discardableResult
    func refresh() async -> ModelCatalog {
        guard let ask else { return current }
        if let asking { return await asking.value }
        let base = self.base
        let task = Task { base.adding(await ask(base)) }
        asking = task
        lastAsked = .now
        let fresh = await task.value
        asking = nil
        // Models an upstream listed before stay known even if a later list lacks them (an upstream
        // that is down for a moment must not make a batch's model unknown to the next create).
        let known = Set(fresh.models.map(\.id))
        current = fresh.adding(current.models.filter { !known.contains($0.id) })
        return current
    }

    /// A create named `name` and the current catalog has no such model: the catalog after asking
    /// again, or nil when it was asked too recently (or nothing new resolves `name`).
    func catalog(resolving name: String) async -> ModelCatalog? {
        if current.resolve(name) != nil { return current }
        guard ask != nil else { return nil }
        if asking == nil, let lastAsked, (ContinuousClock.now - lastAsked).inSeconds < recheckSeconds { return nil }
        let fresh = await refresh()
        return fresh.resolve(name) != nil ? fresh : nil
    }
}
