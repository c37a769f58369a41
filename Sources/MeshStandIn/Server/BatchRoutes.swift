import Foundation
import Hummingbird
import MeshAPI

/// The five endpoints of mesh-api.md. Each is given the caller's owner (`OwnedRequestContext`);
/// every answer about a batch is scoped to it, so a foreign id is indistinguishable from one that
/// never existed.
struct BatchRoutes: Sendable {
    static let maxBodyBytes = 100 * 1024 * 1024

    let store: BatchStore
    let runner: BatchRunner
    /// The catalog, and with `--upstream` what the upstreams list now (asked again for an unknown model).
    let models: ModelDirectory
    let clock: any StandInClock
    let activeBatchLimit: Int
    let listCache = TerminalBatchJSONCache()
    /// Shared with `CachedListPageResponder`, which answers the cached pages on the event loop.
    let listPages: ListPageCache
    /// What a 429 asks the caller to wait: about 30 s of simulated time (a batch slot rarely frees
    /// sooner), in real seconds, never below 1. At high `--speed` the SDK's three retries stay short.
    let limitRetryAfterSeconds: Int
    /// With `--upstream`: a model no route takes is refused at create, not failed item by item.
    var upstream: UpstreamOptions? = nil

    /// The routes go in a group whose context is `OwnedRequestContext`: a request reaches a handler
    /// only with its owner resolved (`OwnerAuthenticator`, on the router), and is a 401 otherwise.
    func register(on router: Router<StandInRequestContext>) {
        let owned = router.group(context: OwnedRequestContext.self)
        owned.get("/v1/models") { _, _ in
            JSONResponse.make(await models.current.models)
        }
        owned.post("/v1/batches") { request, context in try await create(request, owner: context.owner) }
        owned.get("/v1/batches") { request, context in try await list(request, owner: context.owner) }
        owned.get("/v1/batches/{id}") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard let body = try await store.getJSON(owner: context.owner, id: id) else {
                throw APIFailure.notFound("Batch '\(id)'")
            }
            return JSONResponse.make(json: body)
        }
        owned.post("/v1/batches/{id}/cancel") { _, context in
            let id = context.parameters.get("id") ?? ""
            let cancelled: Batch?
            do {
                cancelled = try await store.requestCancel(owner: context.owner, id: id, now: Int(clock.now()))
            } catch let error as BatchStoreError {
                throw failure(for: error, batchID: id)
            }
            guard let batch = cancelled else { throw APIFailure.notFound("Batch '\(id)'") }
            return JSONResponse.make(batch)
        }
    }

    private func create(_ request: Request, owner: String) async throws -> Response {
        // A declared size over the limit is refused before a byte of the body is read: a client that
        // sent `Expect: 100-continue` gets no 100 (see `willRead`) and waits for this answer.
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > Self.maxBodyBytes {
            throw APIFailure.tooLarge
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.maxBodyBytes)
        } catch {
            throw APIFailure.tooLarge
        }
        defer { if buffer.readableBytes > FreedMemory.largeBlockBytes { FreedMemory.returnToSystem() } }
        // Read in place: a copy of a 100 MiB body would be 100 MiB more at the peak.
        let new: NewBatch
        do {
            let catalog = await models.current
            new = try buffer.withUnsafeReadableBytes { try CreateBatchValidator(catalog: catalog).validate($0) }
        } catch let unknown as UnknownModelError {
            // Perhaps a model the upstream loaded after serve started: ask again (rate-limited), and
            // read the body once more only when that made the model known (a rare, one-off cost).
            guard let fresh = await models.catalog(resolving: unknown.name) else { throw unknown.failure }
            do {
                new = try buffer.withUnsafeReadableBytes { try CreateBatchValidator(catalog: fresh).validate($0) }
            } catch let unknown as UnknownModelError {
                throw unknown.failure
            }
        }
        if let upstream {
            let requested = new.items.first.flatMap { (try? JSONValueParser.parse($0.bodyJSON))?["model"]?.stringValue }
            guard upstream.route(modelID: new.model, requested: requested) != nil else {
                throw APIFailure.envelope(status: .notFound, code: "model_not_found",
                                          message: "No --upstream route takes model '\(requested ?? new.model)'.")
            }
        }
        let batch: Batch
        do {
            batch = try await store.create(new, owner: owner, id: "batch_" + ULID.make(), now: Int(clock.now()),
                                           limit: activeBatchLimit)
        } catch let error as BatchStoreError {
            throw failure(for: error, batchID: nil)
        }
        listPages.batchCreated(owner: owner)
        runner.start(batchID: batch.id)
        return JSONResponse.make(batch)
    }

    /// The store's refusals and failures in the contract's words.
    private func failure(for error: BatchStoreError, batchID: String?) -> APIFailure {
        switch error {
        case .limitReached(let active):
            return .envelope(
                status: .tooManyRequests, code: "batch_limit_exceeded",
                message: "Owner already has \(active) non-terminal batches (limit \(activeBatchLimit)).",
                retryAfterSeconds: limitRetryAfterSeconds)
        case .alreadyTerminal(let status):
            return .envelope(
                status: .conflict, code: "conflict",
                message: "Batch \(batchID ?? "") is already \(status.rawValue) and cannot be cancelled.")
        case .cannotWrite(let cause):
            return .cannotStore(cause: cause)
        }
    }

    private func list(_ request: Request, owner: String) async throws -> Response {
        let query = request.uri.queryParameters
        let parsed = try ListQuery.parse(limit: query.get("limit"), after: query.get("after"))
        let (limit, after) = (parsed.limit, parsed.after)
        // A page of terminal batches never changes: its bytes are served without a query.
        // (Most such pages are answered by `CachedListPageResponder` before they get here.)
        if let body = listPages.page(owner: owner, after: after, limit: limit) { return Self.listResponse(body) }
        let generation = listPages.generation(owner: owner)
        guard let page = try await store.listPage(owner: owner, after: after, limit: limit, cache: listCache) else {
            throw APIFailure.invalid(loc("query", "after"), "Unknown batch id", input: after.map(JSONValue.string))
        }
        // The BatchListPage shape, spliced by hand around the per-batch fragments.
        func quoted(_ id: String?) -> String {
            guard let id, let data = try? JSONText.encoder().encode(id) else { return "null" }
            return String(decoding: data, as: UTF8.self)
        }
        var body = ByteBuffer()
        body.writeString(#"{"object":"list","data":["#)
        for (index, fragment) in page.fragments.enumerated() {
            if index > 0 { body.writeString(",") }
            body.writeBytes(fragment)
        }
        body.writeString(#"],"first_id":\#(quoted(page.ids.first)),"last_id":\#(quoted(page.ids.last)),"#)
        body.writeString(#""has_more":\#(page.hasMore)}"#)
        if page.allTerminal, !page.ids.isEmpty {
            listPages.store(body, owner: owner, after: after, limit: limit, generation: generation)
        }
        return Self.listResponse(body)
    }

    private static func listResponse(_ body: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: body))
    }
}
