import Foundation
import MeshAPI
import Dashboard

/// Performs the effects that talk to the API or read the spool, off the main queue, and answers each
/// with the `Action` `reduce` expects (echoing the request's epoch). Shared by the live dashboard
/// and `--once`.
struct APIEffectRunner: Sendable {
    var api: any BatchAPI
    /// Where fetched item results go; the item body screen and the export read them back from here.
    var spool: ResultSpool

    /// The answer to an API request.
    func perform(_ request: APIRequest, epoch: Epoch) async -> Action {
        switch request {
        case .listPage(let after, let limit):
            do {
                let page = try await api.listBatches(after: after, limit: limit)
                return .listPageLoaded(page, at: Date(), serverDate: page.serverDate, epoch: epoch)
            } catch {
                return .listFailed(.from(error), at: Date(), epoch: epoch)
            }
        case .batch(let id):
            do {
                let loaded = try await api.getBatchSpooled(id: id, into: spool)
                return .batchLoaded(loaded, at: Date(), requestedID: id, serverDate: loaded.serverDate, epoch: epoch)
            } catch {
                return .batchFailed(id: id, .from(error), at: Date(), epoch: epoch)
            }
        case .cancel(let id):
            do { return .cancelFinished(try await api.cancelBatch(id: id), at: Date(), epoch: epoch) }
            catch { return .cancelFailed(id: id, .from(error), at: Date(), epoch: epoch) }
        case .balance:
            do { return .balanceLoaded(try await api.balanceUSD(), epoch: epoch) }
            catch { return .balanceFailed(.from(error), epoch: epoch) }
        case .models:
            do { return .modelsLoaded(try await api.listModels(), epoch: epoch) }
            catch { return .modelsFailed(.from(error), epoch: epoch) }
        case .teamPage(let profile):
            // The runtime hands this runner that profile's client.
            do { return .teamPageLoaded(profile: profile, try await api.listBatches(after: nil, limit: 100), at: Date(), epoch: epoch) }
            catch { return .teamPageFailed(profile: profile, .from(error), at: Date(), epoch: epoch) }
        }
    }

    /// The answer to a spool read, or nil for a release (which answers nothing).
    func perform(_ effect: SpoolEffect) -> Action? {
        switch effect {
        case .loadItemBody(let batchID, let customID, let span):
            do {
                let bytes = try spool.read(span)
                let value = try JSONValueParser.parse(Data(bytes))
                return .itemBodyLoaded(batchID: batchID, customID: customID, value)
            } catch {
                return .itemBodyFailed(batchID: batchID, customID: customID, reason: "\(error)")
            }
        case .export(let fileName, let spans):
            do {
                let path = try ItemExport.destination(for: fileName)
                // The path written: a free name when `path` is taken (an existing file is never replaced).
                return .exportFinished(path: try ItemExport.write(spans: spans, from: spool, to: path))
            } catch {
                return .exportFailed(fileName: fileName, reason: "\(error)")
            }
        case .release(let spans):
            for span in spans { spool.release(span) }
            return nil
        }
    }
}
