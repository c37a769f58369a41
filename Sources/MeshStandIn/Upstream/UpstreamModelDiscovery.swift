import AsyncHTTPClient
import Foundation
import MeshAPI
import NIOCore

/// The models an upstream serves that the catalog does not name, asked once at start with
/// `GET {URL}/models` (OpenAI's `{"data": [{"id", "owned_by"}]}`, or a bare array as Mesh answers),
/// so a llama.cpp, vLLM or Ollama model can be batched without writing a catalog entry first.
/// An upstream that cannot answer is reported through `warn` and skipped: the stand-in still
/// serves the catalog's models, and the upstream may come up later for those.
enum UpstreamModelDiscovery {
    static func models(_ options: UpstreamOptions, catalog: ModelCatalog, client: HTTPClient) async
        -> [ModelInfo]
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
                options.warn?(
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
            // A model id with a slash names its maker (vLLM's `meta-llama/...`); otherwise `owned_by`.
            let provider =
                id.contains("/")
                ? String(id.split(separator: "/")[0])
                : entry["owned_by"]?.stringValue ?? entry["provider"]?.stringValue ?? "upstream"
            return ModelInfo(
                id: id, name: entry["name"]?.stringValue ?? id, provider: provider,
                supportsBatching: true, pricing: nil)
        }
    }
}
