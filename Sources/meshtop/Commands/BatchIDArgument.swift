import MeshAPI

/// A batch id as the user typed it: whole (`batch_01jd5k…`) or without its `batch_` prefix, as the
/// dashboard's list shows it and as people paste it.
///
/// Ids are opaque (a real one may be an upstream provider's), so the id is tried as given first;
/// only when the server has no such batch and the id lacks the prefix is it tried once more with
/// it. A 404 changes nothing on the server, so the second try is safe for cancel too.
///
///     let (batch, id) = try await BatchIDArgument.lookUp(typed) { try await api.getBatch(id: $0) }
enum BatchIDArgument {
    static let prefix = "batch_"

    /// `call`'s answer for `typed`, or for `batch_` + `typed` when `typed` is unknown to the server;
    /// with the id that answered.
    static func lookUp<Answer>(_ typed: String, _ call: (String) async throws -> Answer) async throws
        -> (answer: Answer, id: String)
    {
        do {
            return (try await call(typed), typed)
        } catch let error as MeshError where error.status == 404 && !typed.isEmpty && !typed.hasPrefix(prefix) {
            let prefixed = prefix + typed
            return (try await call(prefixed), prefixed)
        }
    }
}
