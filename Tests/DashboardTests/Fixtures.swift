import Foundation
import MeshAPI
@testable import Dashboard

/// Fixed clock, fixed batches, UTC: render snapshots and reducer tests are exact.
enum Fixtures {
    /// 2026-11-24 21:30:00 UTC.
    static let t0 = Date(timeIntervalSince1970: 1_795_469_400)
    static let created = 1_795_469_400 - 600

    static func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    static let options: DashboardOptions = {
        var options = DashboardOptions(
            endpointLabel: "work (http://127.0.0.1:8080)", profileName: "work", profiles: ["work", "home"],
            readonly: false, bell: true, themes: ["default", "dark", "light"], themeName: "default",
            clockZone: .utc, quotaLimit: 10)
        options.profileBaseURLs = ["work": "http://127.0.0.1:8080", "home": "https://mesh.home.example/v1"]
        return options
    }()

    static func batch(_ n: Int, status: BatchStatus = .inProgress, total: Int = 500, completed: Int = 0,
                      failed: Int = 0, model: String = "meta-llama/llama-3.1-8b-instruct",
                      project: String? = nil, results: [BatchResult]? = nil) -> Batch {
        Batch(
            id: String(format: "batch_01JD%06dXYZ", n), endpoint: "/v1/chat/completions", model: model,
            provider: "mesh", status: status, completionWindow: "24h", createdAt: created + n * 10,
            inProgressAt: status == .validating ? nil : created + n * 10 + 2,
            expiresAt: created + n * 10 + 86400,
            finalizingAt: status == .finalizing ? created + n * 10 + 300 : nil,
            completedAt: status == .completed ? created + n * 10 + 400 : nil,
            requestCounts: RequestCounts(total: total, completed: completed, failed: failed),
            metadata: project.map { ["project": .string($0)] }, results: results)
    }

    static func page(_ batches: [Batch], hasMore: Bool = false) -> BatchListPage {
        BatchListPage(data: batches, firstID: batches.first?.id, lastID: batches.last?.id, hasMore: hasMore)
    }

    static func okResult(_ id: String, tokens: Int = 30) -> BatchResult {
        BatchResult(customID: id, response: ItemResponse(statusCode: 200, body: .object([
            "id": .string("chatcmpl-\(id)"), "object": .string("chat.completion"),
            "choices": .array([.object(["message": .object(["role": .string("assistant"), "content": .string("ok")])])]),
            "usage": .object(["prompt_tokens": .number(Double(tokens - 10)), "completion_tokens": .number(10),
                              "total_tokens": .number(Double(tokens))]),
        ])), error: nil)
    }

    static func failedResult(_ id: String, code: String = "rate_limited") -> BatchResult {
        BatchResult(customID: id, response: ItemResponse(statusCode: 429, body: .object([
            "error": .object(["code": .string(code), "message": .string("provider said slow down")]),
        ])), error: nil)
    }

    static func notRunResult(_ id: String) -> BatchResult {
        BatchResult(customID: id, response: nil, error: ItemError(code: "batch_cancelled", message: "batch was cancelled"))
    }

    /// A fresh state at t0, before `.start`.
    static func fresh(width: Int = 120, height: Int = 40) -> DashboardState {
        DashboardState(options: options, pollInterval: 2, now: t0, width: width, height: height)
    }

    /// A state that has seen one successful poll of `batches` at t0, and the results of those that
    /// carry them, as a GET of each would have brought them. Built only through `reduce`.
    static func loaded(_ batches: [Batch], width: Int = 120, height: Int = 40) -> DashboardState {
        var state = fresh(width: width, height: height)
        _ = reduce(&state, .start(at: t0))
        let effects = reduce(&state, .listPageLoaded(page(batches), at: t0, epoch: state.poll.epoch))
        // The GETs the round asked for are answered; the other batches' results come as GETs too.
        for case .api(.batch(let id), let epoch) in effects {
            if let batch = batches.first(where: { $0.id == id }) {
                _ = reduce(&state, .batchLoaded(spooled(batch), at: t0, requestedID: id, epoch: epoch))
            }
        }
        for batch in batches where batch.results != nil && state.results.items[batch.id] == nil {
            _ = reduce(&state, .batchLoaded(spooled(batch), at: t0, requestedID: batch.id, epoch: state.poll.epoch))
        }
        return state
    }

    /// What `getBatchSpooled` answers for `batch`: its results as summaries at made-up spans
    /// (the reducer never reads a span; the runtime does).
    static func spooled(_ batch: Batch) -> SpooledBatch {
        var bare = batch
        bare.results = nil
        let usage = (batch.results ?? []).reduce(TokenUsage()) { $0 + ($1.usage ?? TokenUsage()) }
        return SpooledBatch(batch: bare, items: batch.results.map(summaries), usage: usage)
    }

    static func summaries(_ results: [BatchResult]) -> [ItemSummary] {
        results.enumerated().map { ItemSummary($1, span: ByteSpan(offset: Int64($0) * 1000, length: 100)) }
    }

    /// A result as the runtime hands it to `.itemBodyLoaded`: the server's object read as JSON.
    static func json(_ result: BatchResult) -> JSONValue {
        let data = try! JSONEncoder().encode(result)
        return try! JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// Five batches of every kind, for the snapshots.
    static var mixed: [Batch] {
        [
            batch(5, status: .inProgress, total: 500, completed: 240, failed: 2, project: "Q2 Earnings Analysis"),
            batch(4, status: .finalizing, total: 200, completed: 200, model: "openai/gpt-4o-mini", project: "日本語のメタデータ"),
            batch(3, status: .completed, total: 3, completed: 2, failed: 1, model: "openai/gpt-4o-mini",
                  project: "nightly evals", results: [okResult("doc-001"), okResult("doc-002", tokens: 42), failedResult("doc-003")]),
            batch(2, status: .failed, total: 10, model: "acme/no-batch-model"),
            batch(1, status: .validating, total: 1000, project: "🚀 launch"),
        ]
    }
}
