import Dashboard
import Foundation
import MeshAPI

// meshtop-bench: prints median timings of the dashboard's hot paths. A benchmark, not a test:
// run it on purpose (`swift run -c release meshtop-bench`) and read the figures. `meshtop-bench jobs
// FILE.jsonl [JOURNAL JOB]` times `meshtop jobs` instead (JobsBench).

func batches(_ count: Int, offset: Int = 0, completed: Int = 10) -> [Batch] {
    (0..<count).map { i in
        let n = i + offset
        return Batch(id: String(format: "batch_%08d", n), model: "meta-llama/llama-3.1-8b-instruct",
                     status: n % 50 == 0 ? .inProgress : .completed, createdAt: 1_700_000_000 + n,
                     requestCounts: RequestCounts(total: 100, completed: completed, failed: 1),
                     metadata: ["project": .string("project \(n % 7)")])
    }
}

func state(with count: Int) -> DashboardState {
    var state = DashboardState(options: DashboardOptions(endpointLabel: "bench", clockZone: .utc),
                               now: Date(timeIntervalSince1970: 1_700_100_000), width: 200, height: 60)
    _ = reduce(&state, .start(at: state.now))
    let all = batches(count)
    var index = 0
    while index < all.count {
        let page = Array(all[index..<min(all.count, index + 100)])
        index += 100
        _ = reduce(&state, .listPageLoaded(BatchListPage(data: page, firstID: page.first?.id, lastID: page.last?.id,
                                                         hasMore: index < all.count), at: state.now, epoch: state.poll.epoch))
    }
    return state
}

/// Keeps a result alive so the optimizer cannot drop the work that made it.
@inline(never) func sink(_ value: Int) {
    if value == Int.min { print(value) }
}

func median(_ runs: Int, _ body: () -> Void) -> Double {
    var samples: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
    }
    samples.sort()
    return samples[samples.count / 2]
}

if CommandLine.arguments.dropFirst().first == "jobs" {
    JobsBench.run(Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}

#if DEBUG
let build = "debug build (figures are pessimistic; use -c release)"
#else
let build = "release build"
#endif
print("meshtop-bench, \(build), medians:")
for count in [100, 10_000] {
    let s = state(with: count)
    precondition(s.list.order.count == count)
    var sink = 0
    let ms = median(201) { sink &+= render(s, width: 200, height: 60).width }
    print(String(format: "  render 200x60 with %6d batches: %.3f ms", count, ms))
    _ = sink
}
var big = state(with: 10_000)
// One poll result of 100 batches that moved (counts changed), merged into 10,000. The state is
// owned by one variable, as in the runtime, so no copy-on-write copy is measured; alternating
// pages make every merge a real change.
let pages = [20, 30].map { BatchListPage(data: batches(100, completed: $0), firstID: nil, lastID: nil, hasMore: true) }
var round = 0
var clock = big.now
var samples: [Double] = []
for _ in 0..<201 {
    round += 1
    clock = clock.addingTimeInterval(2)
    _ = reduce(&big, .pollDue(at: clock))
    let start = DispatchTime.now().uptimeNanoseconds
    _ = reduce(&big, .listPageLoaded(pages[round % 2], at: clock, epoch: big.poll.epoch))
    samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
    // Let the round end so the next pollDue starts a new one.
    while big.poll.round.outstanding > 0 { _ = reduce(&big, .batchFailed(id: "x", MeshError(kind: .api, status: 404, message: ""), at: clock, epoch: big.poll.epoch)) }
}
samples.sort()
print(String(format: "  reduce a 100-batch poll into 10,000: %.3f ms", samples[samples.count / 2]))

// Opening a finished batch of 50,000 results: the whole answer decoded at once (the dashboard's old
// way, kept as the reference) against streaming it through the splitter into a spool as summaries.
func resultsBody(_ count: Int) -> [UInt8] {
    var text = #"{"id": "batch_big", "object": "batch", "status": "completed", "request_counts": {"total": \#(count), "completed": \#(count), "failed": 0}, "results": ["#
    for i in 0..<count {
        if i > 0 { text += "," }
        text += #"{"custom_id": "r\#(i)", "response": {"status_code": 200, "body": {"id": "chatcmpl-\#(i)", "object": "chat.completion", "model": "openai/gpt-4o-mini", "choices": [{"index": 0, "message": {"role": "assistant", "content": "Simulated answer (120 tokens) to: hello \#(i)"}, "finish_reason": "stop"}], "usage": {"prompt_tokens": 11, "completion_tokens": 120, "total_tokens": 131}}}, "error": null}"#
    }
    return Array((text + "]}").utf8)
}
let body = resultsBody(50_000)
let wholeMs = median(3) { sink(try! JSONDecoder().decode(Batch.self, from: Data(body)).results?.count ?? 0) }
let streamedMs = median(3) {
    var splitter = BatchBodySplitter()
    var collector = ResultsCollector(spool: ResultSpool(directory: nil))
    var start = 0
    while start < body.count {  // in 16 KiB chunks, as they come off the socket
        let end = min(body.count, start + 16_384)
        body[start..<end].withUnsafeBytes { chunk in splitter.consume(chunk) { try! collector.add($0) } }
        start = end
    }
    try! collector.finish()
    sink(collector.items.count)
}
print(String(format: "  50,000 results (%.1f MB): decoded whole %.0f ms, streamed to summaries %.0f ms",
             Double(body.count) / 1_000_000, wholeMs, streamedMs))

// The stand-in accepting a 50,000-request batch: reading the body into JSONValue and writing each
// item's body back to text, through Foundation's coders (the old way, the reference) and through
// JSONValueParser/JSONValueWriter.
var createText = #"{"completion_window": "24h", "metadata": {"bench": "50k"}, "requests": ["#
for i in 0..<50_000 {
    if i > 0 { createText += "," }
    createText += #"{"custom_id": "req-\#(i)", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "openai/gpt-4o-mini", "max_tokens": 200, "messages": [{"role": "system", "content": "You are a concise analyst."}, {"role": "user", "content": "Summarise filing number \#(i) in two sentences.\n"}]}}"#
}
let createBody = Data((createText + "]}").utf8)
func itemBodies(_ root: JSONValue) -> [JSONValue] {
    root["requests"]?.arrayValue?.compactMap { $0["body"] } ?? []
}
let foundationParseMs = median(3) { sink(itemBodies(try! JSONDecoder().decode(JSONValue.self, from: createBody)).count) }
let parserMs = median(3) { sink(itemBodies(try! JSONValueParser.parse(createBody)).count) }
let bodies = itemBodies(try! JSONValueParser.parse(createBody))
let itemEncoder = JSONEncoder()
itemEncoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
let foundationWriteMs = median(3) { sink(bodies.reduce(0) { $0 + (try! itemEncoder.encode($1)).count }) }
let writerMs = median(3) { sink(bodies.reduce(0) { $0 + JSONValueWriter.string($1).utf8.count }) }
print(String(format: "  50,000-request create body (%.1f MB): read by JSONDecoder %.0f ms, by JSONValueParser %.0f ms",
             Double(createBody.count) / 1_000_000, foundationParseMs, parserMs))
print(String(format: "  its 50,000 item bodies written: by JSONEncoder %.0f ms, by JSONValueWriter %.0f ms",
             foundationWriteMs, writerMs))
// What the stand-in does now: each request handed over as it is read, with its body's text as it
// came, against the whole tree first and the bodies written after (the reference, measured just above).
let streamedCreateMs = median(3) {
    var kept = 0
    _ = try! createBody.withUnsafeBytes { bytes in
        try JSONValueParser.parse(bytes, streamingArrayAt: "requests", verbatimMember: "body") { element in
            kept += element.verbatimMember?.utf8.count ?? 0
        }
    }
    sink(kept)
}
print(String(format: "  read request by request, each body kept as it came (streamed): %.0f ms, against whole tree then bodies written %.0f ms",
             streamedCreateMs, parserMs + writerMs))

// The items screen of a 50,000-item batch: what one keystroke costs (the index is rebuilt per
// query change). Reference: one pass that only counts outcomes, the least any filter must do.
let itemSummaries: [ItemSummary] = (0..<50_000).map { i in
    let failed = i % 997 == 0
    return ItemSummary(customID: "req-\(i)", outcome: failed ? .failed : (i % 3 == 0 ? .notRun : .succeeded),
                       statusCode: failed ? 500 : 200,
                       error: failed ? ItemError(code: "server_error", message: "The server had an error") : (i % 3 == 0 ? ItemError(code: "batch_cancelled", message: "batch was cancelled") : nil),
                       totalTokens: 100 + i % 50, span: ByteSpan(offset: Int64(i) * 400, length: 400))
}
let countOnlyMs = median(21) { sink(itemSummaries.reduce(0) { $0 + ($1.outcome == .failed ? 1 : 0) }) }
let allMs = median(21) { sink(ItemsIndex(items: itemSummaries, query: ItemsQuery()).shown.count) }
let searchMs = median(21) { sink(ItemsIndex(items: itemSummaries, query: ItemsQuery(search: "req-4999")).shown.count) }
let failedMs = median(21) { sink(ItemsIndex(items: itemSummaries, query: ItemsQuery(outcome: .failed)).shown.count) }
let naturalMs = median(5) { sink(ItemsIndex(items: itemSummaries, query: ItemsQuery(sort: .customID)).shown.count) }
print(String(format: "  items of 50,000: count-only pass %.1f ms (reference); index all %.1f ms, search as typed %.1f ms, failed only %.1f ms, natural sort by custom id %.0f ms",
             countOnlyMs, allMs, searchMs, failedMs, naturalMs))

// One list page of 100 batches, as every poll reads it: through Codable (the old way, the reference)
// and through JSONValueParser (`BatchListPage.parsed`, the client's way now); `--once` reads ten.
let listPageBody = try! JSONEncoder().encode(BatchListPage(data: batches(100), firstID: "batch_00000000", lastID: "batch_00000099", hasMore: true))
let codablePageMs = median(201) { sink(try! JSONDecoder().decode(BatchListPage.self, from: listPageBody).data.count) }
let parsedPageMs = median(201) { sink(try! BatchListPage.parsed(from: listPageBody).data.count) }
print(String(format: "  a list page of 100 batches (%.0f KB): JSONDecoder %.3f ms, JSONValueParser %.3f ms",
             Double(listPageBody.count) / 1000, codablePageMs, parsedPageMs))
