import AsyncHTTPClient
import Foundation
import MeshAPI

/// Whether one upstream server answers at all, so an outage holds its items instead of spending
/// their attempts. A request that got no answer (connection refused or reset, no byte in time)
/// asks `reachable(after:)`: one probe (`GET {URL}/models`, any HTTP status counts as alive),
/// shared by every request that failed meanwhile. A probe that fails marks the upstream down and
/// starts a prober that asks again with backoff until it answers; items wait in `waitUntilUp`.
///
/// An answer of any kind from an item's own request also marks the upstream up.
actor UpstreamHealth {
    let baseURL: String
    private let client: HTTPClient
    private let apiKey: String?
    private let probeTimeoutSeconds: Double
    private let backoff: RetryPolicy
    private let events: UpstreamEventLog

    private(set) var isUp = true
    private var downSince: ContinuousClock.Instant?
    private var downReason = ""
    private var probing: Task<Bool, Never>?
    private var prober: Task<Void, Never>?
    private var stopped = false

    init(baseURL: String, client: HTTPClient, apiKey: String?, probeTimeoutSeconds: Double, backoff: RetryPolicy,
         events: UpstreamEventLog)
    {
        self.baseURL = baseURL
        self.client = client
        self.apiKey = apiKey
        self.probeTimeoutSeconds = probeTimeoutSeconds
        self.backoff = backoff
        self.events = events
    }

    /// After a request to this upstream got no answer: whether the upstream answers now (then the
    /// failure was the request's own). False marks it down (once) and starts the prober.
    func reachable(after reason: String) async -> Bool {
        guard isUp else { return false }
        let task: Task<Bool, Never>
        if let probing {
            task = probing
        } else {
            task = Task { await self.probeOnce() }
            probing = task
        }
        let answered = await task.value
        if probing == task { probing = nil }
        if !answered { markDown(reason) }
        return answered && isUp
    }

    /// An item's own request got an answer: the upstream is up, whatever it said.
    func answered() {
        if !isUp { markUp() }
    }

    /// Returns once the upstream is up, or after `limit`, whichever comes first (a held item checks
    /// in between whether it is still wanted).
    func waitUntilUp(atMost limit: Duration) async throws {
        let until = ContinuousClock.now + limit
        while !isUp, ContinuousClock.now < until {
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Ends the prober (the stand-in is stopping; the HTTP client is shut down next).
    func stop() async {
        stopped = true
        prober?.cancel()
        probing?.cancel()
        await prober?.value
        _ = await probing?.value
    }

    private func markDown(_ reason: String) {
        guard isUp, !stopped else { return }
        isUp = false
        downSince = .now
        downReason = reason
        events.event(.down, "\(UpstreamModelDiscovery.shown(baseURL)) does not answer (\(reason)); its items are held, not failed, until it answers again")
        prober = Task { await self.probeUntilUp() }
    }

    private func markUp() {
        guard !isUp else { return }
        isUp = true
        let seconds = downSince.map { (ContinuousClock.now - $0).inSeconds } ?? 0
        downSince = nil
        prober?.cancel()
        prober = nil
        events.event(.back, "\(UpstreamModelDiscovery.shown(baseURL)) answers again after \(String(format: "%.1f", seconds)) s down")
    }

    private func probeUntilUp() async {
        var attempt = 0
        while !Task.isCancelled, !isUp {
            attempt += 1
            // The schedule's attempt count only grows the wait: a probe is never given up.
            let wait = backoff.delay(afterAttempt: min(attempt, 30), retryAfter: nil)
            do { try await Task.sleep(for: wait) } catch { return }
            if await probeOnce() {
                markUp()
                return
            }
        }
    }

    /// One `GET {URL}/models`: any HTTP answer (even a 404 or 401) says the server is there.
    private func probeOnce() async -> Bool {
        var request = HTTPClientRequest(url: baseURL + "/models")
        if let apiKey { request.headers.add(name: "Authorization", value: "Bearer \(apiKey)") }
        do {
            let response = try await client.execute(request, timeout: .milliseconds(Int64(probeTimeoutSeconds * 1000)))
            _ = try? await response.body.collect(upTo: 8 << 20)
            return true
        } catch {
            return false
        }
    }
}
