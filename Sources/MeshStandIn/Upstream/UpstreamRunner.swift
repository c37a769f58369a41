import AsyncHTTPClient
import Foundation
import MeshAPI
import NIOCore
import NIOHTTP1

/// Answers items with a real OpenAI-compatible server: each item's `body` is POSTed as it came to
/// `{URL}/chat/completions` (the model renamed only when its catalog entry has an `upstream_model`),
/// and the item's result is the upstream's own status and body, so counts and tokens are real.
///
/// Only an item's own answers spend its attempts: 429, a 5xx (unless its body says the request is
/// invalid: `InvalidRequestAnswer`), and a request that got no answer from an upstream that still
/// answers probes. An upstream that answers nothing at all is down (`UpstreamHealth`): its items
/// are held, no attempt spent and their item timeout paused, until it answers again or the batch
/// no longer wants them (cancelled, or past its window: the item then never ran). A 4xx other
/// than 429 is final at once. Each upstream has its own slots (`UpstreamServers`).
struct UpstreamRunner: ItemWorker {
    let options: UpstreamOptions
    /// Catalog model id -> the name the upstream knows it by.
    let upstreamModels: [String: String]
    let client: HTTPClient
    let servers: UpstreamServers
    let events: UpstreamEventLog

    /// The client for one stand-in's upstreams: AsyncHTTPClient's own connection retries off (ours is
    /// the only retry loop, as in `MeshClient`), its pool sized to what may be in flight at once (a
    /// request queued for a connection would run into its first-byte deadline).
    /// Shut it down (`shutdown()`) before dropping it: AsyncHTTPClient traps otherwise.
    static func makeClient(_ options: UpstreamOptions) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        let servers = Set(options.routes.map(\.baseURL)).count
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60),
            concurrentHTTP1ConnectionsPerHostSoftLimit: max(8, options.concurrency * max(1, servers) + 2))
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(10)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    // A real server needs no staged waits: items start at once, the batch completes with its last one.
    var validatingSeconds: Double { 0 }
    var finalizingSeconds: Double { 0 }

    private func route(_ item: PendingItem, of batch: Batch) -> (route: UpstreamRoute?, parsed: JSONValue?) {
        let parsed = try? JSONValueParser.parse(item.bodyJSON)
        return (options.route(modelID: batch.model ?? "", requested: parsed?["model"]?.stringValue), parsed)
    }

    func slots(for item: PendingItem, of batch: Batch) -> ItemSlots? {
        guard let route = route(item, of: batch).route else { return nil }
        return servers.server(for: route.baseURL)?.slots
    }

    func work(_ item: PendingItem, of batch: Batch, expiresAt: Double, stillWanted: @escaping @Sendable () async -> Bool)
        async throws -> WorkedItem?
    {
        let modelID = batch.model ?? ""
        let (found, parsed) = route(item, of: batch)
        // Create refuses such a model; a batch accepted before a restart with other routes gets here.
        guard let route = found, let server = servers.server(for: route.baseURL) else {
            let requested = parsed?["model"]?.stringValue
            return failedForGood(item, of: batch, Self.failure(
                item, status: 502, "No --upstream route takes model '\(requested ?? modelID)'."))
        }
        var bodyText = item.bodyJSON
        if let renamed = upstreamModels[modelID], case .object(var fields)? = parsed {
            fields["model"] = .string(renamed)
            bodyText = JSONValueWriter.string(.object(fields))
        }
        let body = ByteBuffer(string: bodyText)
        let url = route.baseURL + "/chat/completions"
        let maxAttempts = options.retry.maxAttempts
        var deadline = ContinuousClock.now + .milliseconds(Int64(options.itemTimeoutSeconds * 1000))
        var attempt = 0
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { return failedForGood(item, of: batch, timedOut(item)) }
            attempt += 1
            let answer = try await send(url: url, body: body, customID: item.customID, within: remaining)
            let noAnswer: String
            switch answer {
            case .timedOut:
                return failedForGood(item, of: batch, timedOut(item))
            case .tooLarge:
                await server.health.answered()
                let limit = options.maxAnswerBytes
                let size = limit >= 1 << 20 ? "\(limit >> 20) MiB" : "\(limit >> 10) KiB"
                return failedForGood(item, of: batch, Self.failure(
                    item, status: 502, "The upstream's answer is longer than \(size); it was not read on."))
            case .answer(let status, let header, let text):
                await server.health.answered()
                let retryable = status == 429 || (status >= 500 && !AnswerCheck(text.answer).saysInvalid)
                guard retryable, attempt < maxAttempts else {
                    let result = Self.result(item, status: status, text: text)
                    return result.succeeded ? result : failedForGood(item, of: batch, result)
                }
                let retryAfter = header.flatMap { WireNumber.retryAfter(RetryPolicy.parseRetryAfter($0)) }
                let wait = options.retry.delay(afterAttempt: attempt, retryAfter: retryAfter)
                guard ContinuousClock.now + wait < deadline else {
                    return failedForGood(item, of: batch, Self.result(item, status: status, text: text))
                }
                retried(item, of: batch, "HTTP \(status)", attempt: attempt, wait: wait)
                try await Task.sleep(for: wait)
                continue
            case .noFirstByte:
                noAnswer = "no answer began within \(Self.seconds(options.firstByteTimeoutSeconds)) s"
                events.event(.hung, "\(Self.describe(item, of: batch)) to \(UpstreamModelDiscovery.shown(route.baseURL)): \(noAnswer); the request was given up")
            case .unreachable(let reason):
                noAnswer = reason
            }
            // No answer. If the upstream answers a probe, the failure was this request's own and
            // spends an attempt; if not, the upstream is down: hold the item, spending nothing.
            if await server.health.reachable(after: noAnswer) {
                let wait = options.retry.delay(afterAttempt: attempt, retryAfter: nil)
                guard attempt < maxAttempts, ContinuousClock.now + wait < deadline else {
                    let hung = answer.isNoFirstByte
                    return failedForGood(item, of: batch, Self.failure(
                        item, status: hung ? 504 : 502,
                        "The upstream gave no answer after \(attempt) attempts: \(noAnswer)"))
                }
                retried(item, of: batch, noAnswer, attempt: attempt, wait: wait)
                try await Task.sleep(for: wait)
            } else {
                attempt -= 1
                let heldFrom = ContinuousClock.now
                while !(await server.health.isUp) {
                    // Cancelled, or the window passed: the item never ran, and ends as the batch does.
                    guard await stillWanted() else { return nil }
                    try await server.health.waitUntilUp(atMost: .seconds(1))
                }
                deadline += ContinuousClock.now - heldFrom
            }
        }
    }

    private func retried(_ item: PendingItem, of batch: Batch, _ why: String, attempt: Int, wait: Duration) {
        events.event(.retried, "\(Self.describe(item, of: batch)): \(why); attempt \(attempt) of \(options.retry.maxAttempts), next in \(Self.seconds(wait.inSeconds)) s")
    }

    /// Logs an item that ends failed, with its status, and hands it back.
    private func failedForGood(_ item: PendingItem, of batch: Batch, _ worked: WorkedItem) -> WorkedItem {
        events.event(.failed, "\(Self.describe(item, of: batch)) failed for good: \(worked.failureSummary ?? "?")")
        return worked
    }

    private static func describe(_ item: PendingItem, of batch: Batch) -> String {
        "item '\(item.customID.prefix(64))' of \(batch.id)"
    }

    private static func seconds(_ value: Double) -> String { String(format: "%.1f", value) }

    /// What one attempt came to.
    private enum Answer: Sendable {
        /// The answer, read straight into its stored result's text.
        case answer(status: Int, retryAfter: String?, text: StoredResultText)
        case unreachable(String)
        /// No response head within the first-byte timeout.
        case noFirstByte
        case tooLarge
        case timedOut

        var isNoFirstByte: Bool {
            if case .noFirstByte = self { return true }
            return false
        }
    }

    /// One POST, its head and whole body within `remaining`: AsyncHTTPClient's own deadline ends at
    /// the head (it is the first-byte timeout, when that is sooner), and a hung upstream may as well
    /// hang in the body. Throws only on cancellation.
    private func send(url: String, body: ByteBuffer, customID: String, within remaining: Duration) async throws
        -> Answer
    {
        let limit = options.maxAnswerBytes
        let key = options.apiKey
        let client = self.client
        let firstByte = Duration.milliseconds(Int64(options.firstByteTimeoutSeconds * 1000))
        let headWithin = min(firstByte, remaining + .seconds(1))
        return try await withThrowingTaskGroup(of: Answer?.self) { group in
            group.addTask {
                var request = HTTPClientRequest(url: url)
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/json")
                request.headers.add(name: "Accept", value: "application/json")
                if let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
                request.body = .bytes(body)
                do {
                    let response: HTTPClientResponse
                    do {
                        response = try await client.execute(
                            request, timeout: .milliseconds(Int64(headWithin.inSeconds * 1000)))
                    } catch let error as HTTPClientError where error == .deadlineExceeded && firstByte < remaining {
                        return .noFirstByte
                    }
                    let status = Int(response.status.code)
                    let text = try await Self.collect(response, upTo: limit, customID: customID, status: status)
                    return .answer(status: status, retryAfter: response.headers.first(name: "retry-after"), text: text)
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

    /// The whole body, written as it arrives into the text of its stored result
    /// (`StoredResultText`), in one buffer sized from `Content-Length` when there is one: grown by
    /// doubling, a 31 MiB answer passed through 16 and 32 MiB buffers, both alive at the copy.
    private static func collect(_ response: HTTPClientResponse, upTo limit: Int, customID: String, status: Int)
        async throws -> StoredResultText
    {
        let declared = response.headers.first(name: "content-length").flatMap { Int($0) }
        if let declared, declared > limit { throw NIOTooManyBytesError(maxBytes: limit) }
        var text = StoredResultText(customID: customID, status: status, expectedAnswerBytes: min(declared ?? 16 << 10, limit))
        for try await chunk in response.body {
            guard text.answerByteCount + chunk.readableBytes <= limit else { throw NIOTooManyBytesError(maxBytes: limit) }
            text.append(chunk)
        }
        text.finish()
        return text
    }

    private func timedOut(_ item: PendingItem) -> WorkedItem {
        Self.failure(
            item, status: 504,
            "The upstream gave no whole answer within the item timeout (\(options.itemTimeoutSeconds) s)."
        )
    }

    /// The upstream's answer as the item's result. A JSON object is stored as it came, with its
    /// status, in the result's text it was read into (`StoredResultText`); anything else (HTML from
    /// a proxy, garbage, a bare string) becomes `upstream_error` quoting its start, and a 2xx that
    /// is not a JSON object counts as failed (502): it is no completion.
    static func result(_ item: PendingItem, status: Int, text: StoredResultText) -> WorkedItem {
        let bytes = text.answer
        let check = AnswerCheck(bytes)
        let final = (200..<300).contains(status) || status >= 400
        if check.isObject, final {
            let succeeded = (200..<300).contains(status)
            return WorkedItem(
                resultText: .utf8(text.text), succeeded: succeeded,
                failureSummary: succeeded ? nil : "HTTP \(status)" + (check.errorMessage.map { " \($0.prefix(160))" } ?? ""))
        }
        let what =
            !check.isJSON
            ? "with a body that is not JSON"
            : !check.isObject
                ? "with a body that is not a JSON object" : "(not a chat-completions answer)"
        let start = String(decoding: bytes.readableBytesView.prefix(200), as: UTF8.self)
        return failure(
            item, status: status >= 400 ? status : 502,
            "The upstream answered HTTP \(status) \(what) (\(bytes.readableBytes) bytes): \(start)")
    }

    /// What one read of an answer tells: whether it is JSON, an object, its error's words, and
    /// whether it says the request is invalid. The tree is read in place (no copy of the bytes) and
    /// dropped before the result's text is written, so the two never take memory together.
    struct AnswerCheck {
        var isJSON = false
        var isObject = false
        var errorMessage: String?
        var saysInvalid = false

        init(_ bytes: ByteBuffer) {
            let parsed: JSONValue? = bytes.withUnsafeReadableBytes { raw in
                guard let base = raw.baseAddress else { return try? JSONValueParser.parse(Data()) }
                let view = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: raw.count, deallocator: .none)
                return try? JSONValueParser.parse(view)
            }
            guard let parsed else { return }
            isJSON = true
            isObject = parsed.objectValue != nil
            errorMessage = parsed["error"]?["message"]?.stringValue ?? parsed["error"]?.stringValue
            saysInvalid = InvalidRequestAnswer.matches(parsed)
        }
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
