import AsyncHTTPClient
import Foundation
import MeshAPI
import NIOCore

/// The models an upstream serves that the catalog does not name, asked with `GET {URL}/models`
/// (OpenAI's `{"data": [{"id", "owned_by"}]}`, or a bare array as Mesh answers) at start and again
/// later (`ModelDirectory`), so a llama.cpp, vLLM or Ollama model can be batched without writing a
/// catalog entry first, even one loaded after serve started. An upstream that cannot answer is
/// reported through `warn` (when given) and skipped: the catalog's models still resolve.
enum UpstreamModelDiscovery {
    static func models(_ options: UpstreamOptions, catalog: ModelCatalog, client: HTTPClient,
                       warn: (@Sendable (String) -> Void)?) async -> [ModelInfo]
    {
        var seenURLs = Set<String>()
        var found: [ModelInfo] = []
        var known = Set(catalog.models.map(\.id))
        for route in options.routes where seenURLs.insert(route.baseURL).inserted {
            do {
                for model in try await listed(at: route.baseURL, options: options, client: client)
                where known.insert(model.id).inserted && catalog.resolve(model.id) == nil {
                    found.append(model)
                }
            } catch {
                warn?(
                    "upstream \(shown(route.baseURL)) did not list its models (\(String(describing: error).prefix(200))); only the catalog's models resolve"
                )
            }
        }
        return found
    }

    /// `baseURL` as a warning may print it: without userinfo, query or fragment, where a URL
    /// carries credentials (`http://user:secret@host/v1`, `?api_key=...`). Unreadable: no URL at all.
    static func shown(_ baseURL: String) -> String {
        guard var components = URLComponents(string: baseURL), components.host != nil else { return "(an upstream URL)" }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        return components.string ?? "(an upstream URL)"
    }

    private static func listed(at baseURL: String, options: UpstreamOptions, client: HTTPClient)
        async throws -> [ModelInfo]
    {
        var request = HTTPClientRequest(url: baseURL + "/models")
        if let key = options.apiKey {
            request.headers.add(name: "Authorization", value: "Bearer \(key)")
        }
        let response = try await client.execute(
            request, timeout: .milliseconds(Int64(options.modelsTimeoutSeconds * 1000)))
        let bytes = try await response.body.collect(upTo: 8 << 20)
        guard response.status == .ok else { throw StandInStartupError("HTTP \(response.status.code)") }
        let root = try JSONValueParser.parse(Data(bytes.readableBytesView))
        guard let entries = root["data"]?.arrayValue ?? root.arrayValue else {
            throw StandInStartupError("the answer is not a model list")
        }
        return entries.compactMap { entry in
            guard let id = entry["id"]?.stringValue, !id.isEmpty else { return nil }
            let provider = self.provider(id: id, ownedBy: entry["owned_by"]?.stringValue ?? entry["provider"]?.stringValue)
            return ModelInfo(
                id: id, name: entry["name"]?.stringValue ?? id, provider: provider,
                supportsBatching: true, pricing: nil)
        }
    }

    /// Who makes a listed model. A Hugging Face style id (`meta-llama/Llama-3.2-1B`, as vLLM lists
    /// it) names its maker before the slash; otherwise the upstream's `owned_by`. An id that is a
    /// file path (llama.cpp lists `-m /models/x.gguf` as it was given) is not `maker/name`: its
    /// first folder ("models", "tmp") names no one, so the path takes `owned_by` too.
    static func provider(id: String, ownedBy: String?) -> String {
        let fallback = ownedBy.flatMap { $0.isEmpty ? nil : $0 } ?? "upstream"
        let parts = id.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let maker = parts.first, !maker.isEmpty, !parts[1].isEmpty,
              maker != ".", maker != "..", maker != "~", !looksLikeModelFile(id)
        else { return fallback }
        return String(maker)
    }

    /// A name ending in a weights file's extension: a path to a file, not a repository's name.
    private static func looksLikeModelFile(_ id: String) -> Bool {
        let lowered = id.lowercased()
        return [".gguf", ".ggml", ".bin", ".safetensors", ".pt", ".pth", ".onnx"].contains { lowered.hasSuffix($0) }
    }
}
