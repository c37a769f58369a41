import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// Issue 16 item 21: a batch's cost at the catalog's batch prices, from its results' token usage.
@Suite struct CostEstimatorTests {
    static let mini = ModelInfo(id: "openai/gpt-4o-mini", name: "GPT-4o mini", provider: "openai", supportsBatching: true,
                                pricing: ModelPricing(promptUSDPer1M: "0.15", completionUSDPer1M: "0.60",
                                                      batchInputUSDPer1M: "0.075", batchOutputUSDPer1M: "0.30"))
    static let unpriced = ModelInfo(id: "acme/no-price", name: "No price", provider: "acme", supportsBatching: true,
                                    pricing: ModelPricing(promptUSDPer1M: "1", completionUSDPer1M: "2"))
    static let models = [mini.id: mini, unpriced.id: unpriced]

    static func usage(_ prompt: Int, _ completion: Int) -> TokenUsage {
        TokenUsage(promptTokens: prompt, completionTokens: completion, totalTokens: prompt + completion)
    }

    @Test func costIsTokensTimesTheBatchPricesNotTheInteractiveOnes() {
        let batch = Fixtures.batch(1, status: .completed, model: "openai/gpt-4o-mini")
        let estimator = CostEstimator(models: Self.models, usage: [batch.id: Self.usage(2_000_000, 1_000_000)])
        // 2M in at $0.075 + 1M out at $0.30, not $0.15/$0.60.
        #expect(estimator.estimate(batch) == .usd(0.45))
    }

    @Test func unknownUntilResultsAndWithoutABatchPrice() {
        let running = Fixtures.batch(1, model: "openai/gpt-4o-mini")
        let noPrice = Fixtures.batch(2, status: .completed, model: "acme/no-price")
        let unknownModel = Fixtures.batch(3, status: .completed, model: "nobody/knows")
        let estimator = CostEstimator(models: Self.models, usage: [noPrice.id: Self.usage(10, 10), unknownModel.id: Self.usage(10, 10)])
        #expect(estimator.estimate(running) == .noUsage)
        #expect(estimator.estimate(noPrice) == .noPrice)
        #expect(estimator.estimate(unknownModel) == .noPrice)
    }

    @Test func aBareNameResolvesThroughTheCatalogOnlyWhenItNamesOneModel() {
        let estimator = CostEstimator(models: Self.models, usage: [:])
        #expect(estimator.pricing(for: "gpt-4o-mini") == Self.mini.pricing)
        let twice = ModelInfo(id: "azure/gpt-4o-mini", name: "GPT-4o mini", provider: "azure", supportsBatching: true, pricing: Self.unpriced.pricing)
        let ambiguous = CostEstimator(models: Self.models.merging([twice.id: twice]) { $1 }, usage: [:])
        #expect(ambiguous.pricing(for: "gpt-4o-mini") == nil)
        #expect(ambiguous.pricing(for: "openai/gpt-4o-mini") == Self.mini.pricing)
    }

    @Test func totalSumsThePricedAndCountsTheRest() {
        let a = Fixtures.batch(1, status: .completed, model: "openai/gpt-4o-mini")
        let b = Fixtures.batch(2, status: .completed, model: "openai/gpt-4o-mini")
        let c = Fixtures.batch(3, model: "openai/gpt-4o-mini")
        let estimator = CostEstimator(models: Self.models, usage: [a.id: Self.usage(1_000_000, 0), b.id: Self.usage(0, 1_000_000)])
        #expect(estimator.total(of: [a, b, c]) == CostEstimator.Total(usd: 0.375, priced: 2, unknown: 1))
    }

    @Test func todayIsTheLocalDayOfNow() {
        let zone = ClockZone.fixed(secondsFromGMT: 3600)
        // Local midnight of 2026-11-30 in UTC+1 is 23:00 UTC the day before. Now is 23:30 local; one
        // batch is from 00:10 local that day, one from a minute ago, one from 23:50 local the day before.
        let midnight = 1_795_996_800 - 3600
        let now = Date(timeIntervalSince1970: Double(midnight) + 23.5 * 3600)
        var early = Fixtures.batch(1), late = Fixtures.batch(2), yesterday = Fixtures.batch(3)
        early.createdAt = midnight + 600
        late.createdAt = Int(now.timeIntervalSince1970) - 60
        yesterday.createdAt = midnight - 600
        let today = CostEstimator.createdOnDay(of: now, in: zone, [early, late, yesterday]).map(\.id)
        #expect(today == [early.id, late.id])
    }
}
