import Foundation
import MeshAPI

/// What batches cost at the model catalog's batch prices (`GET /v1/models`: `batch_input_usd_per_1m`
/// and `batch_output_usd_per_1m`), from the token usage their results report. Mesh states no cost on
/// a batch, so this is an estimate, and it is known only once a batch's results are in: a running
/// batch, or a finished one whose results were never fetched, has no usage yet.
///
/// Usage: `CostEstimator(models: state.models, usage: state.mirror.usage).estimate(batch)`
struct CostEstimator {
    enum Estimate: Hashable {
        case usd(Double)
        /// No results (so no token usage) for the batch yet.
        case noUsage
        /// Usage, but the catalog has no batch price for the model.
        case noPrice
    }

    /// A sum over several batches: the priced ones' dollars and how many could not be priced.
    struct Total: Hashable {
        var usd: Double = 0
        var priced = 0
        var unknown = 0
    }

    var models: [String: ModelInfo]
    var usage: [String: TokenUsage]

    func estimate(_ batch: Batch) -> Estimate {
        guard let used = usage[batch.id] else { return .noUsage }
        guard let usd = pricing(for: batch.model)?.estimatedBatchCost(used) else { return .noPrice }
        return .usd(usd)
    }

    /// The model's prices by its catalog id, or by a bare name the catalog resolves to one model
    /// (`gpt-4o-mini` is `openai/gpt-4o-mini`); nil when it resolves to none or to several.
    func pricing(for model: String?) -> ModelPricing? {
        guard let model, !model.isEmpty else { return nil }
        if let info = models[model] { return info.pricing }
        let named = models.values.filter { $0.id.hasSuffix("/" + model) }
        return named.count == 1 ? named[0].pricing : nil
    }

    func total(of batches: some Sequence<Batch>) -> Total {
        var total = Total()
        for batch in batches {
            if case .usd(let usd) = estimate(batch) {
                total.usd += usd
                total.priced += 1
            } else {
                total.unknown += 1
            }
        }
        return total
    }

    /// The batches of `batches` created on the day `now` falls on in `zone` (local midnight to midnight).
    static func createdOnDay(of now: Date, in zone: ClockZone, _ batches: some Sequence<Batch>) -> [Batch] {
        let day = LocalDay(of: now, in: zone)
        return batches.filter { batch in batch.createdAt.map(day.contains) ?? false }
    }

    /// The local day `now` falls on in `zone`, midnight to midnight.
    struct LocalDay {
        let offset: Double
        let day: Double

        init(of now: Date, in zone: ClockZone) {
            offset = Double(zone.secondsFromGMT(for: now))
            day = ((now.timeIntervalSince1970 + offset) / 86_400).rounded(.down)
        }

        /// Whether Unix time `seconds` is on this day.
        func contains(_ seconds: Int) -> Bool {
            ((Double(seconds) + offset) / 86_400).rounded(.down) == day
        }
    }
}
