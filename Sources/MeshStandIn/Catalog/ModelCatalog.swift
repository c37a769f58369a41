import Foundation
import MeshAPI

/// The models the stand-in knows, read from a JSON file in `GET /v1/models`' own shape, so the file
/// the user replaces with `--catalog` is exactly what clients will see.
///
/// An entry may carry `upstream_model`: the name `--upstream` sends for it (`"llama3.2:1b"` for
/// `openai/gpt-4o-mini`, say). It is read beside `ModelInfo`, not into it, so clients never see it.
public struct ModelCatalog: Sendable {
    public let models: [ModelInfo]
    /// Model id -> the name an upstream knows it by.
    public let upstreamModels: [String: String]

    public init(models: [ModelInfo], upstreamModels: [String: String] = [:]) {
        self.models = models
        self.upstreamModels = upstreamModels
    }

    /// This catalog with `extra` models after its own (models an upstream listed at start).
    func adding(_ extra: [ModelInfo]) -> ModelCatalog {
        ModelCatalog(models: models + extra, upstreamModels: upstreamModels)
    }

    /// Loads `path`, or the catalog shipped with the module when `path` is nil.
    public static func load(path: String?) throws -> ModelCatalog {
        let url: URL
        if let path {
            url = URL(fileURLWithPath: path)
        } else if let shipped = Bundle.module.url(forResource: "catalog", withExtension: "json") {
            url = shipped
        } else {
            throw StandInStartupError("the shipped model catalog is missing from the bundle")
        }
        let data = try Data(contentsOf: url)
        do {
            let models = try JSONDecoder().decode([ModelInfo].self, from: data)
            var upstreamModels: [String: String] = [:]
            for entry in (try? JSONValueParser.parse(data))?.arrayValue ?? [] {
                if let id = entry["id"]?.stringValue, let name = entry["upstream_model"]?.stringValue { upstreamModels[id] = name }
            }
            return ModelCatalog(models: models, upstreamModels: upstreamModels)
        } catch {
            throw StandInStartupError("model catalog \(url.path) is not a JSON array of models: \(error)")
        }
    }

    /// The model a request names: an exact id (`openai/gpt-4o-mini`), or a bare name
    /// (`gpt-4o-mini`) that resolves to the first catalog entry with that name after the provider.
    public func resolve(_ name: String) -> ModelInfo? {
        if let exact = models.first(where: { $0.id == name }) { return exact }
        return models.first { $0.id.split(separator: "/", maxSplits: 1).last.map(String.init) == name }
    }
}
