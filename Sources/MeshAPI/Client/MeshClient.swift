import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The Mesh batch API over HTTP. One `HTTPClient` (one connection pool) per `MeshClient`;
/// call `shutdown()` when done (AsyncHTTPClient traps in debug builds if a client is dropped running).
///
///     let client = MeshClient(configuration: .init(baseURL: "http://127.0.0.1:8080", apiKey: key))
///     let page = try await client.listBatches(after: nil, limit: 20)
///     try await client.shutdown()
///
/// GETs and cancels are retried on 429/502/503/504 and connection failures (see `RetryPolicy`).
/// A create is never retried: there is no idempotency key, so a second attempt could make a second
/// batch. When a create's answer is lost the error is `.outcomeUnknown`.
public final class MeshClient: BatchAPI {
    public static let version = "0.1.0"

    public let configuration: MeshClientConfiguration
    private let http: HTTPClient

    public init(configuration: MeshClientConfiguration) {
        self.configuration = configuration
        var httpConfiguration = HTTPClient.Configuration()
        httpConfiguration.timeout = .init(
            connect: .nanoseconds(Self.nanoseconds(configuration.connectTimeout)),
            read: .nanoseconds(Self.nanoseconds(configuration.requestTimeout)))
        httpConfiguration.redirectConfiguration = .disallow
        // Our own retry loop decides about retries; the pool retrying a refused connection until the
        // request deadline would turn "server down" into a long silent hang.
        httpConfiguration.connectionPool.retryConnectionEstablishment = false
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfiguration)
    }

    /// Closes the connection pool. Call once, when the client is no longer needed.
    public func shutdown() async {
        try? await http.shutdown()
    }

    // MARK: BatchAPI

    public func listBatches(after: String?, limit: Int) async throws -> BatchListPage {
        let answer = try await listBatchesRaw(after: after, limit: limit)
        var page = answer.value
        page.serverDate = answer.serverDate
        return page
    }

    public func getBatch(id: String) async throws -> Batch {
        try await getBatchRaw(id: id).value
    }

    public func cancelBatch(id: String) async throws -> Batch {
        try await cancelBatchRaw(id: id).value
    }

    public func createBatch(_ request: CreateBatchRequest) async throws -> Batch {
        try await createBatchRaw(request).value
    }

    public func listModels() async throws -> [ModelInfo] {
        let data = try await send(.GET, path: "/v1/models", retrying: true, what: "model list").body
        return try decode([ModelInfo].self, from: data, what: "model list")
    }

    public func balanceUSD() async throws -> Double? {
        do {
            let data = try await send(.GET, path: "/v1/balance", retrying: true, what: "balance").body
            let value = try decode(JSONValue.self, from: data, what: "balance")
            let amount = value["available_usd"]
            return amount?.doubleValue ?? amount?.stringValue.flatMap(Double.init)
        } catch let error as MeshError where error.status == 404 {
            // Undocumented endpoint: a server without it is normal, not an error.
            return nil
        }
    }

    // MARK: Raw variants (the decoded value plus the JSON as it came)

    public func listBatchesRaw(after: String?, limit: Int) async throws -> RawResponse<BatchListPage> {
        var query = [("limit", String(limit))]
        if let after { query.append(("after", after)) }
        // Read by the JSON parser, not Codable: every poll decodes these (`BatchListPage.parsed`).
        let answer = try await send(.GET, path: "/v1/batches", query: query, retrying: true, what: "batch list")
        return RawResponse(value: try BatchListPage.parsed(from: answer.body), body: answer.body,
                           requestID: answer.head.requestID, serverDate: answer.head.serverDate)
    }

    /// The batch, with results filled from `output_file_id`/`error_file_id` when the batch has no
    /// inline `results` (older Mesh servers). `json` is the batch object as the server sent it.
    public func getBatchRaw(id: String) async throws -> RawResponse<Batch> {
        var response: RawResponse<Batch> = try await call(
            .GET, path: "/v1/batches/\(Self.escape(id))", retrying: true, what: "batch", limit: inMemoryResultsLimit)
        let batch = response.value
        if batch.results == nil, batch.outputFileID != nil || batch.errorFileID != nil {
            var results: [BatchResult] = []
            for fileID in [batch.outputFileID, batch.errorFileID].compactMap({ $0 }) {
                results += try await fileResults(fileID: fileID)
            }
            response.value.results = results
        }
        return response
    }

    /// The batch with its results written to `spool` as they stream in, summarized one by one and
    /// never held whole: the dashboard's way to open a batch of 50,000 results in a few megabytes.
    /// Falls back to `output_file_id`/`error_file_id` (JSONL) like `getBatchRaw` when there are no
    /// inline `results`.
    public func getBatchSpooled(id: String, into spool: ResultSpool) async throws -> SpooledBatch {
        var splitter = BatchBodySplitter()
        var collector = ResultsCollector(spool: spool, largeReservation: configuration.maxResultsBytes)
        var received: Int64 = 0
        let batch: Batch
        let head: AnswerHead
        do {
            head = try await sendStreaming(
                .GET, path: "/v1/batches/\(Self.escape(id))", retrying: true, earning: Self.resultsEarning,
                restart: {
                    collector.discard()
                    splitter = BatchBodySplitter()
                    collector = ResultsCollector(spool: spool, largeReservation: configuration.maxResultsBytes)
                    received = 0
                },
                consume: { chunk in
                    try chunk.withUnsafeReadableBytes { bytes in
                        try splitter.consume(bytes, spillingAt: ResultsCollector.largeElementBytes) {
                            try collector.add(piece: $0, last: $1)
                        }
                    }
                    // Two caps: the batch's own fields are read whole (small, or the server is broken),
                    // the results go to disk (large is fine, up to the configured limit).
                    received += Int64(chunk.readableBytes)
                    if splitter.skeleton.count > configuration.maxBodyBytes {
                        throw Self.tooLarge("batch \(id) without its results", limit: Int64(configuration.maxBodyBytes))
                    }
                    if received - Int64(splitter.skeleton.count) > configuration.maxResultsBytes {
                        throw Self.resultsTooLarge(id, limit: configuration.maxResultsBytes)
                    }
                })
            try collector.finish()
            batch = try decode(Batch.self, from: Data(splitter.skeleton), what: "batch")
        } catch {
            // A failed download is fetched again next round; its bytes must not pile up in the spool.
            collector.discard()
            throw error
        }
        if splitter.sawResultsArray {
            return SpooledBatch(batch: batch, items: collector.items, usage: collector.usage, serverDate: head.serverDate)
        }
        let files = [batch.outputFileID, batch.errorFileID].compactMap { $0 }
        guard !files.isEmpty else { return SpooledBatch(batch: batch, items: nil, serverDate: head.serverDate) }
        var fileCollector = ResultsCollector(spool: spool)
        do {
            for fileID in files { try await spoolFileResults(fileID: fileID, batchID: id, into: &fileCollector) }
            try fileCollector.finish()
        } catch {
            fileCollector.discard()
            throw error
        }
        return SpooledBatch(batch: batch, items: fileCollector.items, usage: fileCollector.usage, serverDate: head.serverDate)
    }

    /// The batch's answer written to `spool` byte for byte as it streams in (never held whole), for
    /// `batches get --json`: `spans` in order are the body exactly as the server sent it. The batch
    /// is decoded from its fields without `results`, which also checks that the answer is a batch.
    public func getBatchBody(id: String, into spool: ResultSpool) async throws -> (batch: Batch, skeleton: [UInt8], spans: [ByteSpan]) {
        var splitter = BatchBodySplitter()
        var spans: [ByteSpan] = []
        var received: Int64 = 0
        do {
            _ = try await sendStreaming(
                .GET, path: "/v1/batches/\(Self.escape(id))", retrying: true, earning: Self.resultsEarning,
                restart: {
                    for span in spans { spool.release(span) }
                    spans = []
                    splitter = BatchBodySplitter()
                    received = 0
                },
                consume: { chunk in
                    received += Int64(chunk.readableBytes)
                    if received > configuration.maxResultsBytes + Int64(configuration.maxBodyBytes) {
                        throw Self.resultsTooLarge(id, limit: configuration.maxResultsBytes)
                    }
                    try chunk.withUnsafeReadableBytes { bytes in
                        splitter.consume(bytes) { _ in }
                        spans.append(ByteSpan(offset: try spool.append(bytes), length: bytes.count))
                    }
                    if splitter.skeleton.count > configuration.maxBodyBytes {
                        throw Self.tooLarge("batch \(id) without its results", limit: Int64(configuration.maxBodyBytes))
                    }
                })
            let batch = try decode(Batch.self, from: Data(splitter.skeleton), what: "batch")
            return (batch, splitter.skeleton, spans)
        } catch {
            for span in spans { spool.release(span) }
            throw error
        }
    }

    private func spoolFileResults(fileID: String, batchID: String, into collector: inout ResultsCollector) async throws {
        let mark = collector
        var lines = ResultLineSplitter()
        var received: Int64 = 0
        // Both files of a batch count against its one limit.
        let allowed = configuration.maxResultsBytes - Int64(collector.written.reduce(0) { $0 + $1.length })
        _ = try await sendStreaming(
            .GET, path: "/v1/files/\(Self.escape(fileID))/content", retrying: true, earning: Self.resultsEarning,
            restart: {
                collector.discard(keepingFirst: mark.written.count)
                collector = mark
                lines = ResultLineSplitter()
                received = 0
            },
            consume: { chunk in
                received += Int64(chunk.readableBytes)
                if received > allowed { throw Self.resultsTooLarge(batchID, limit: configuration.maxResultsBytes) }
                try chunk.withUnsafeReadableBytes { bytes in
                    try lines.consume(bytes) { try collector.add($0) }
                }
            })
        try lines.finish { try collector.add($0) }
    }

    public func cancelBatchRaw(id: String) async throws -> RawResponse<Batch> {
        // Cancelling twice is harmless (a cancelling batch answers as it is), so cancel is retried.
        try await call(.POST, path: "/v1/batches/\(Self.escape(id))/cancel", body: Data("{}".utf8),
                       retrying: true, what: "batch")
    }

    public func createBatchRaw(_ request: CreateBatchRequest) async throws -> RawResponse<Batch> {
        let body = try JSONEncoder().encode(request)
        return try await call(.POST, path: "/v1/batches", body: body, retrying: false, what: "batch")
    }

    /// A create whose body is already JSON text (`meshtop jobs` splices journaled request lines
    /// into it, byte for byte, instead of decoding and encoding them again). Never retried, as
    /// `createBatch`.
    public func createBatchRaw(body: Data) async throws -> RawResponse<Batch> {
        try await call(.POST, path: "/v1/batches", body: body, retrying: false, what: "batch")
    }

    /// The result lines of a JSONL file (`GET /v1/files/{id}/content`). Lines that are not a result
    /// object are skipped: one bad line should not hide every other result.
    public func fileResults(fileID: String) async throws -> [BatchResult] {
        let data = try await send(.GET, path: "/v1/files/\(Self.escape(fileID))/content", retrying: true,
                                  what: "results file", limit: inMemoryResultsLimit).body
        let decoder = JSONDecoder()
        return data.split(separator: UInt8(ascii: "\n")).compactMap { line in
            try? decoder.decode(BatchResult.self, from: Data(line))
        }
    }

    // MARK: Transport

    private func call<Value: Decodable & Sendable>(
        _ method: HTTPMethod, path: String, query: [(String, String)] = [], body: Data? = nil,
        retrying: Bool, what: String, limit: Int? = nil
    ) async throws -> RawResponse<Value> {
        let answer = try await send(method, path: path, query: query, body: body, retrying: retrying, what: what,
                                    limit: limit)
        let value = try decode(Value.self, from: answer.body, what: what)
        return RawResponse(value: value, body: answer.body, requestID: answer.head.requestID, serverDate: answer.head.serverDate)
    }

    private func decode<Value: Decodable>(_ type: Value.Type, from data: Data, what: String) throws -> Value {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw MeshError(kind: .decoding, message: "the server's \(what) is not valid JSON of the expected shape")
        }
    }

    /// One logical call, its answer collected in memory, up to `limit` bytes (`maxBodyBytes` unless
    /// said otherwise).
    private func send(_ method: HTTPMethod, path: String, query: [(String, String)] = [], body: Data? = nil,
                      retrying: Bool, what: String, limit: Int? = nil) async throws -> (body: Data, head: AnswerHead) {
        let limit = limit ?? configuration.maxBodyBytes
        var collected = ByteBuffer()
        let head = try await sendStreaming(
            method, path: path, query: query, body: body, retrying: retrying,
            earning: limit > configuration.maxBodyBytes ? Self.resultsEarning : nil,
            restart: { collected.clear() },
            consume: { chunk in
                guard collected.readableBytes + chunk.readableBytes <= limit else {
                    throw Self.tooLarge("\(what)", limit: Int64(limit))
                }
                collected.writeImmutableBuffer(chunk)
            })
        return (Data(collected.readableBytesView), head)
    }

    /// Answers with results that the scripting commands hold whole (`batches get`, `results`): the
    /// results limit, but never more than 512 MiB in memory.
    private var inMemoryResultsLimit: Int {
        Int(min(configuration.maxResultsBytes, 512 * 1024 * 1024))
    }

    /// Answers that may carry results get one more second per 256 KiB received (see `TimedExchange`):
    /// 50,000 results are far more than a 10 s deadline allows, yet arrive at megabytes a second.
    static let resultsEarning = 256 * 1024

    /// A cap was hit: not retried (the same server would send the same), and the words say which.
    static func tooLarge(_ what: String, limit: Int64) -> MeshError {
        MeshError(kind: .decoding, message: "the server's \(what) is larger than \(byteCount(limit)), meshtop's limit for it; the answer was not read further")
    }

    static func resultsTooLarge(_ batchID: String, limit: Int64) -> MeshError {
        MeshError(kind: .decoding, message: "the results of \(batchID) are larger than \(byteCount(limit)), meshtop's limit for one batch (raise it with --results-limit); the download was stopped")
    }

    /// "256 KiB", "8 MiB", "2 GiB", "1.5 GiB".
    static func byteCount(_ bytes: Int64) -> String {
        if bytes < 1_048_576 { return "\(bytes / 1024) KiB" }
        let mib = Double(bytes) / 1_048_576
        if mib < 1024 { return mib.rounded() == mib ? "\(Int64(mib)) MiB" : String(format: "%.1f MiB", mib) }
        let gib = mib / 1024
        return gib.rounded() == gib ? "\(Int64(gib)) GiB" : String(format: "%.1f GiB", gib)
    }

    /// One logical call: attempts until success, a non-transient error, or the retry policy gives up.
    /// A successful answer's body is handed to `consume` chunk by chunk as it arrives; `restart` is
    /// called before every attempt after the first, so the receiver starts over. Answers the server's
    /// request id.
    private func sendStreaming(
        _ method: HTTPMethod, path: String, query: [(String, String)] = [], body: Data? = nil, retrying: Bool,
        earning: Int? = nil, restart: () -> Void, consume: (ByteBuffer) throws -> Void
    ) async throws -> AnswerHead {
        let policy = retrying ? configuration.retry : .none
        let clock = ContinuousClock()
        let start = clock.now
        // One id per logical call, so every attempt of it can be found together in the server's logs.
        let requestID = "meshtop-" + UUID().uuidString.lowercased()
        var attempt = 0
        while true {
            attempt += 1
            if attempt > 1 { restart() }
            do {
                return try await attemptOnce(method, path: path, query: query, body: body, requestID: requestID,
                                             isCreate: !retrying && method == .POST, earning: earning, consume: consume)
            } catch var error as MeshError {
                // Nothing listening is rarely a blip: one retry, so the answer comes in about a second.
                let attempts = error.code == MeshError.connectionRefused ? min(2, policy.maxAttempts) : policy.maxAttempts
                let wait = policy.delay(afterAttempt: attempt, retryAfter: error.retryAfter)
                guard error.isTransient, attempt < attempts, clock.now - start + wait <= policy.budget else {
                    if attempt > 1, error.kind == .network || error.kind == .timeout {
                        error.message += " (\(attempt) attempts in \(String(format: "%.1f", (clock.now - start).inSeconds)) s)"
                    }
                    throw error
                }
                configuration.onRetry?("\(retryReason(error)); retrying (\(attempt + 1) of \(attempts))")
                try await policy.sleep(wait)
            }
        }
    }

    private func attemptOnce(_ method: HTTPMethod, path: String, query: [(String, String)], body: Data?,
                             requestID: String, isCreate: Bool, earning: Int?,
                             consume: (ByteBuffer) throws -> Void) async throws -> AnswerHead {
        var request = HTTPClientRequest(url: url(path: path, query: query))
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(configuration.apiKey)")
        request.headers.add(name: "User-Agent", value: configuration.userAgent)
        request.headers.add(name: "X-Request-Id", value: requestID)
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        var status = 0
        var serverRequestID: String?
        var retryAfterHeader: String?
        var dateHeader: String?
        var errorBody = Data()
        do {
            // One deadline for head and body together (see `TimedExchange`): a trickling body is a timeout.
            try await TimedExchange.run(http, request, timeout: configuration.requestTimeout, earning: earning) { event in
                switch event {
                case .head(let code, let headers):
                    status = code
                    serverRequestID = headers.first(name: "x-request-id")
                    retryAfterHeader = headers.first(name: "retry-after")
                    dateHeader = headers.first(name: "date")
                    return true
                case .chunk(let chunk) where (200..<300).contains(status):
                    try consume(chunk)
                    return true
                case .chunk(let chunk):
                    // Error bodies are small; past 1 MiB it is not a message worth reading, and the
                    // status alone still says what happened (a 404 stays a 404, not a network error).
                    errorBody.append(contentsOf: chunk.readableBytesView.prefix(Self.errorBodyLimit - errorBody.count))
                    return errorBody.count < Self.errorBodyLimit
                }
            }
            guard (200..<300).contains(status) else {
                throw MeshError.fromResponse(status: status, body: errorBody, requestIDHeader: serverRequestID,
                                             retryAfterHeader: retryAfterHeader)
            }
            return AnswerHead(requestID: serverRequestID,
                              serverDate: dateHeader.flatMap(UTCDate.unixSeconds(httpDate:)).map { Date(timeIntervalSince1970: Double($0)) })
        } catch let error as MeshError {
            throw error
        } catch let error as ResultSpoolError {
            throw error
        } catch {
            throw Self.transportError(error, isCreate: isCreate, host: URLComponents(string: configuration.baseURL)?.host)
        }
    }

    /// Why an attempt is being repeated, for `onRetry`.
    private func retryReason(_ error: MeshError) -> String {
        switch error.kind {
        case .timeout: return "no answer in \(Self.wholeSeconds(configuration.requestTimeout))"
        case .network: return error.message
        default: return error.status.map { "the server answered \($0)" } ?? error.message
        }
    }

    private static func wholeSeconds(_ duration: Duration) -> String {
        let seconds = duration.inSeconds
        return seconds.rounded() == seconds ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds)
    }

    /// Sorts a transport failure into network (nothing reached the server), timeout, or, for a create,
    /// outcome unknown: once the request may have been sent, only the server knows if a batch exists.
    static func transportError(_ error: any Error, isCreate: Bool, host: String? = nil) -> MeshError {
        let neverConnected = Self.isConnectFailure(error)
        if isCreate && !neverConnected {
            return MeshError(kind: .outcomeUnknown, message:
                "the create request was sent but no answer came back (\(Self.describe(error))); a batch may or may not have been created. Run `meshtop batches list` to check before creating again")
        }
        if let httpError = error as? HTTPClientError,
           httpError == .deadlineExceeded || httpError == .readTimeout {
            return MeshError(kind: .timeout, message: "no answer from the server in time")
        }
        if let host = unresolvedHost(error) {
            return MeshError(kind: .network, code: MeshError.hostNotFound, message: "could not resolve host \(host)")
        }
        if Self.isTLSFailure(error) {
            return MeshError(kind: .network, code: MeshError.tlsFailed, message:
                "TLS handshake with \(host ?? "the server") failed: it may not speak TLS (try http://)")
        }
        let refused = error is NIOConnectionError || (error as? IOError)?.errnoCode == ECONNREFUSED
        return MeshError(kind: .network, code: refused ? MeshError.connectionRefused : nil, message: Self.describe(error))
    }

    /// The host of a connect that failed in name resolution alone (no address was ever tried).
    private static func unresolvedHost(_ error: any Error) -> String? {
        guard let connection = error as? NIOConnectionError, connection.connectionErrors.isEmpty,
              connection.dnsAError != nil || connection.dnsAAAAError != nil else { return nil }
        return connection.host
    }

    /// A TLS failure, from NIOSSL or BoringSSL underneath. Its own text names build paths and
    /// BoringSSL's internals, so only the fact is kept.
    private static func isTLSFailure(_ error: any Error) -> Bool {
        let type = String(reflecting: Swift.type(of: error))
        return type.contains("NIOSSL") || type.contains("BoringSSL") || type.contains("TLS")
    }

    private static func isConnectFailure(_ error: any Error) -> Bool {
        if error is NIOConnectionError { return true }
        if let httpError = error as? HTTPClientError, httpError == .connectTimeout { return true }
        if let ioError = error as? IOError {
            return [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL].contains(ioError.errnoCode)
        }
        if let channelError = error as? ChannelError, case .connectTimeout = channelError { return true }
        return String(describing: error).contains("connectTimeout")
            || String(describing: error).contains("Connection refused")
    }

    /// A failure in a few words. Transport errors never carry request headers, so no key can leak here.
    private static func describe(_ error: any Error) -> String {
        if let httpError = error as? HTTPClientError {
            switch httpError {
            case .connectTimeout: return "could not connect in time"
            case .remoteConnectionClosed: return "the server closed the connection"
            case .deadlineExceeded, .readTimeout: return "no answer in time"
            default: return "\(httpError)"
            }
        }
        if error is NIOConnectionError || (error as? IOError)?.errnoCode == ECONNREFUSED {
            return "could not connect (connection refused)"
        }
        return String(describing: error)
    }

    private func url(path: String, query: [(String, String)]) -> String {
        var text = configuration.baseURL + path
        if !query.isEmpty {
            text += "?" + query.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        }
        return text
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters: ids are opaque and may
    /// contain `/`, `?` or `#` (upstream provider ids).
    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        TimedExchange.nanoseconds(duration)
    }

    private static let errorBodyLimit = 1024 * 1024
}
