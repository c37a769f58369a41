import AsyncHTTPClient
import Foundation
import MeshAPI
import NIOCore
import NIOHTTP1

/// Answers items with a real OpenAI-compatible server: each item's `body` is POSTed as it came to
/// `{URL}/chat/completions` (the model renamed only when its catalog entry has an `upstream_model`),
/// and the item's result is the upstream's own status and body, so counts and tokens are real.
///
/// 429, 5xx and connection failures are retried with jittered backoff that honours `Retry-After`;
/// a 4xx other than 429 is final at once. The item timeout bounds the whole item, retries included.
struct UpstreamRunner: ItemWorker {
    let options: UpstreamOptions
    /// Catalog model id -> the name the upstream knows it by.
    let upstreamModels: [String: String]
    let client: HTTPClient

    /// The client for one stand-in's upstreams: AsyncHTTPClient's own connection retries off (ours is
    /// the only retry loop, as in `MeshClient`), its pool sized to what may be in flight at once.
    /// Shut it down (`shutdown()`) before dropping it: AsyncHTTPClient traps otherwise.
    static func makeClient(_ options: UpstreamOptions) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(8, options.concurrency))
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(10)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    // A real server needs no staged waits: items start at once, the batch completes with its last one.
    var validatingSeconds: Double { 0 }
    var finalizingSeconds: Double { 0 }

    func work(_ item: PendingItem, of batch: Batch, expiresAt: Double) async throws -> WorkedItem {
        let modelID = batch.model ?? ""
        let parsed = try? JSONValueParser.parse(item.bodyJSON)
        let requested = parsed?["model"]?.stringValue
        // Create refuses such a model; a batch accepted before a restart with other routes gets here.
        guard let route = options.route(modelID: modelID, requested: requested) else {
            return Self.failure(
                item, status: 502, "No --upstream route takes model '\(requested ?? modelID)'.")
        }
        var bodyText = item.bodyJSON
        if let renamed = upstreamModels[modelID], case .object(var fields)? = parsed {
            fields["model"] = .string(renamed)
            bodyText = JSONValueWriter.string(.object(fields))
        }
        let body = ByteBuffer(string: bodyText)
        let url = route.baseURL + "/chat/completions"
        let deadline = ContinuousClock.now + .milliseconds(Int64(options.itemTimeoutSeconds * 1000))
        var attempt = 0
        while true {
            attempt += 1
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { return timedOut(item) }
            switch try await send(url: url, body: body, within: remaining) {
            case .timedOut:
                return timedOut(item)
            case .tooLarge:
                let limit = options.maxAnswerBytes
                let size = limit >= 1 << 20 ? "\(limit >> 20) MiB" : "\(limit >> 10) KiB"
                return Self.failure(item, status: 502, "The upstream's answer is longer than \(size); it was not read on.")
            case .answer(let status, let header, let bytes):
                guard status == 429 || status >= 500, attempt < options.retry.maxAttempts else {
                    return Self.result(item, status: status, bytes: bytes)
                }
                let retryAfter = header.flatMap { WireNumber.retryAfter(RetryPolicy.parseRetryAfter($0)) }
                let wait = options.retry.delay(afterAttempt: attempt, retryAfter: retryAfter)
                guard ContinuousClock.now + wait < deadline else {
                    return Self.result(item, status: status, bytes: bytes)
                }
                try await Task.sleep(for: wait)
            case .unreachable(let reason):
                let wait = options.retry.delay(afterAttempt: attempt, retryAfter: nil)
                guard attempt < options.retry.maxAttempts, ContinuousClock.now + wait < deadline else {
                    return Self.failure(
                        item, status: 502,
                        "The upstream could not be reached after \(attempt) attempts: \(reason)")
                }
                try await Task.sleep(for: wait)
            }
        }
    }

    /// What one attempt came to.
    private enum Answer: Sendable {
        case answer(status: Int, retryAfter: String?, bytes: ByteBuffer)
        case unreachable(String)
        case tooLarge
        case timedOut
    }

    /// One POST, its head and whole body within `remaining`: AsyncHTTPClient's own deadline ends at
    /// the head, and a hung upstream may as well hang in the body. Throws only on cancellation.
    private func send(url: String, body: ByteBuffer, within remaining: Duration) async throws
        -> Answer
    {
        let limit = options.maxAnswerBytes
        let key = options.apiKey
        let client = self.client
        return try await withThrowingTaskGroup(of: Answer?.self) { group in
            group.addTask {
                var request = HTTPClientRequest(url: url)
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/json")
                request.headers.add(name: "Accept", value: "application/json")
                if let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
                request.body = .bytes(body)
                do {
                    let response = try await client.execute(
                        request, timeout: .seconds(Int64(remaining.inSeconds.rounded(.up)) + 1))
                    let bytes = try await response.body.collect(upTo: limit)
                    return .answer(
                        status: Int(response.status.code),
                        retryAfter: response.headers.first(name: "retry-after"),
                        bytes: bytes)
                } catch is NIOTooManyBytesError {
                    return .tooLarge
                } catch {
                    if Task.isCancelled { throw CancellationError() }
                    return .unreachable(Self.describe(error))
                }
            }
            group.addTask {
                try await Task.sleep(for: remaining)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            try Task.checkCancellation()
            return first ?? .timedOut
        }
    }

    private func timedOut(_ item: PendingItem) -> WorkedItem {
        Self.failure(
            item, status: 504,
            "The upstream gave no whole answer within the item timeout (\(options.itemTimeoutSeconds) s)."
        )
    }

    /// The upstream's answer as the item's result. A JSON object is stored as it came, with its
    /// status; anything else (HTML from a proxy, garbage, a bare string) becomes `upstream_error`
    /// quoting its start, and a 2xx that is not a JSON object counts as failed (502): it is no completion.
    static func result(_ item: PendingItem, status: Int, bytes: ByteBuffer) -> WorkedItem {
        let data = Data(bytes.readableBytesView)
        let parsed = try? JSONValueParser.parse(data)
        let final = (200..<300).contains(status) || status >= 400
        if let body = parsed, body.objectValue != nil, final {
            let response = ItemResponse(statusCode: status, body: body)
            return WorkedItem(
                result: BatchResult(customID: item.customID, response: response, error: nil),
                succeeded: (200..<300).contains(status))
        }
        let what =
            parsed == nil
            ? "with a body that is not JSON"
            : parsed?.objectValue == nil
                ? "with a body that is not a JSON object" : "(not a chat-completions answer)"
        let start = String(decoding: data.prefix(200), as: UTF8.self)
        return failure(
            item, status: status >= 400 ? status : 502,
            "The upstream answered HTTP \(status) \(what) (\(data.count) bytes): \(start)")
    }

    /// A failed item in Mesh's error shape with code `upstream_error`.
    static func failure(_ item: PendingItem, status: Int, _ message: String) -> WorkedItem {
        let body: JSONValue = .object([
            "error": .object([
                "code": .string("upstream_error"), "type": .string("upstream_error"),
                "message": .string(message),
            ])
        ])
        return WorkedItem(
            result: BatchResult(
                customID: item.customID, response: ItemResponse(statusCode: status, body: body),
                error: nil),
            succeeded: false)
    }

    /// A connection failure in a few words. AsyncHTTPClient's errors name the host and the cause,
    /// never the request's headers, so the key cannot leak through them.
    private static func describe(_ error: any Error) -> String {
        String(String(describing: error).prefix(300))
    }
}
