import Dashboard
import Foundation
import MeshAPI

// meshtop-bench: prints median timings of the dashboard's hot paths. A benchmark, not a test:
// run it on purpose (`swift run -c release meshtop-bench`) and read the figures.

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
    var state = DashboardState(options: DashboardOptions(endpointLabel: "bench", timeZone: TimeZone(identifier: "UTC")!),
                               now: Date(timeIntervalSince1970: 1_700_100_000), width: 200, height: 60)
    _ = reduce(&state, .start(at: state.now))
    let all = batches(count)
    var index = 0
    while index < all.count {
        let page = Array(all[index..<min(all.count, index + 100)])
        index += 100
        _ = reduce(&state, .listPageLoaded(BatchListPage(data: page, firstID: page.first?.id, lastID: page.last?.id,
                                                         hasMore: index < all.count), at: state.now))
    }
    return state
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

#if DEBUG
let build = "debug build (figures are pessimistic; use -c release)"
#else
let build = "release build"
#endif
print("meshtop-bench, \(build), medians:")
for count in [100, 10_000] {
    let s = state(with: count)
    precondition(s.order.count == count)
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
    _ = reduce(&big, .listPageLoaded(pages[round % 2], at: clock))
    samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
    // Let the round end so the next pollDue starts a new one.
    while big.poll.outstanding > 0 { _ = reduce(&big, .batchFailed(id: "x", MeshError(kind: .api, status: 404, message: ""), at: clock)) }
}
samples.sort()
print(String(format: "  reduce a 100-batch poll into 10,000: %.3f ms", samples[samples.count / 2]))
