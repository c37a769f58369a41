import Foundation
import Hummingbird
import MeshAPI

/// The five endpoints of mesh-api.md. Each resolves the caller's owner first; every answer about a
/// batch is scoped to that owner, so a foreign id is indistinguishable from one that never existed.
struct BatchRoutes: Sendable {
    static let maxBodyBytes = 100 * 1024 * 1024

    let store: BatchStore
    let runner: BatchRunner
    /// The catalog, and with `--upstream` what the upstreams list now (asked again for an unknown model).
    let models: ModelDirectory
    let keys: [String: String]
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

    func register(on router: Router<BasicRequestContext>) {
        router.get("/v1/models") { request, _ in
            _ = try owner(of: request)
            return JSONResponse.make(await models.current.models)
        }
        router.post("/v1/batches") { request, _ in try await create(request) }
        router.get("/v1/batches") { request, _ in try await list(request) }
        router.get("/v1/batches/{id}") { request, context in
            let owner = try owner(of: request)
            let id = context.parameters.get("id") ?? ""
            guard let body = try await store.getJSON(owner: owner, id: id) else { throw APIFailure.notFound("Batch '\(id)'") }
            return JSONResponse.make(json: body)
        }
        router.post("/v1/batches/{id}/cancel") { request, context in
            let owner = try owner(of: request)
            let id = context.parameters.get("id") ?? ""
            guard let batch = try await store.requestCancel(owner: owner, id: id, now: Int(clock.now())) else {
                throw APIFailure.notFound("Batch '\(id)'")
            }
            return JSONResponse.make(batch)
        }
    }

    /// A big create's parsed tree (~10x its body) is freed at once, but the allocator keeps the
    /// pages in its per-thread arenas: give them back to the system.
    static func returnFreedMemory() {
        _ = mallocTrim?(0)
    }

    /// glibc's `malloc_trim`, looked up at run time: Glibc's Swift module does not import it, and
    /// other C libraries do not have it.
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(nil, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()

    private func owner(of request: Request) throws -> String {
        guard let owner = Self.owner(authorization: request.headers[.authorization], keys: keys) else { throw APIFailure.unauthorized }
        return owner
    }

    /// The owner a `Bearer` header's key belongs to; nil for no header, another scheme or an unknown key.
    static func owner(authorization header: String?, keys: [String: String]) -> String? {
        guard let header, header.hasPrefix("Bearer ") else { return nil }
        let token = header.dropFirst("Bearer ".count)
        // Most keys come without spaces around them: look those up as they are, since Foundation's
        // trimming was the largest part of a cached list page's own cost.
        if let first = token.utf8.first, let last = token.utf8.last, Self.isPlainTokenByte(first), Self.isPlainTokenByte(last) {
            return keys[String(token)]
        }
        return keys[String(token).trimmingCharacters(in: .whitespaces)]
    }

    /// A byte no whitespace starts or ends with: printable ASCII other than a space.
    private static func isPlainTokenByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F
    }

    private func create(_ request: Request) async throws -> Response {
        let owner = try owner(of: request)
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
        defer { if buffer.readableBytes > 1 << 20 { Self.returnFreedMemory() } }
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
        let batch = try await store.create(new, owner: owner, id: "batch_" + ULID.make(), now: Int(clock.now()),
                                     limit: activeBatchLimit, retryAfterSeconds: limitRetryAfterSeconds)
        listPages.batchCreated(owner: owner)
        runner.start(batchID: batch.id)
        return JSONResponse.make(batch)
    }

    private func list(_ request: Request) async throws -> Response {
        let owner = try owner(of: request)
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
