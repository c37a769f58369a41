import Foundation
import MeshAPI

/// The models the stand-in knows, read from a JSON file in `GET /v1/models`' own shape, so the file
/// the user replaces with `--catalog` is exactly what clients will see.
public struct ModelCatalog: Sendable {
    public let models: [ModelInfo]

    public init(models: [ModelInfo]) { self.models = models }

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
            return ModelCatalog(models: try JSONDecoder().decode([ModelInfo].self, from: data))
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
