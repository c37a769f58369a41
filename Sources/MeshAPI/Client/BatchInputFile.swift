import Foundation

/// A whole batch input file checked for one batch (`meshtop batches create`): every check of
/// `BatchInputReader`, one model, at most 50,000 requests.
///
///     let requests = try BatchInputFile.parse(data)   // throws BatchInputError
public enum BatchInputFile {
    public static let maxRequests = MeshLimits.requestsPerBatch

    public static func parse(_ data: Data) throws -> [BatchRequestItem] {
        var reader = BatchInputReader(oneModel: true, maxRequests: maxRequests)
        var requests: [BatchRequestItem] = []
        try reader.read(data) { requests.append($0.requestItem) }
        return requests
    }
}
