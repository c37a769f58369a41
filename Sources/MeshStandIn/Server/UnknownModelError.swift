/// A create named a model the catalog does not resolve. Thrown by `CreateBatchValidator` apart from
/// the other refusals so the create route can ask the upstreams again (`ModelDirectory`) before it
/// answers 404 `model_not_found` (`failure`).
struct UnknownModelError: Error {
    let name: String

    var failure: APIFailure {
        .envelope(status: .notFound, code: "model_not_found", message: "Model '\(name)' is not in the catalog.")
    }
}
