import Foundation
import MeshAPI
import Dashboard

/// Performs the effects that talk to the API (or the disk) off the main queue and answers each with
/// the `Action` `reduce` expects. Shared by the live dashboard and `--once`.
struct APIEffectRunner: Sendable {
    var api: any BatchAPI
    /// Where fetched item results go; the item body view and the export read them back from here.
    var spool: ResultSpool

    /// The action that answers `effect`, or nil when the effect is not API/disk work.
    func perform(_ effect: Effect) async -> Action? {
        switch effect {
        case .fetchListPage(let after, let limit, let epoch):
            do { return .listPageLoaded(try await api.listBatches(after: after, limit: limit), at: Date(), epoch: epoch) }
            catch { return .listFailed(.from(error), at: Date(), epoch: epoch) }
        case .fetchBatch(let id, let epoch):
            do {
                return .batchLoaded(try await api.getBatchSpooled(id: id, into: spool), at: Date(), requestedID: id, epoch: epoch)
            } catch {
                return .batchFailed(id: id, .from(error), at: Date(), epoch: epoch)
            }
        case .cancelBatch(let id):
            do { return .cancelFinished(try await api.cancelBatch(id: id), at: Date()) }
            catch { return .cancelFailed(id: id, .from(error), at: Date()) }
        case .fetchBalance:
            do { return .balanceLoaded(try await api.balanceUSD()) }
            catch { return .balanceFailed(.from(error)) }
        case .fetchModels:
            do { return .modelsLoaded(try await api.listModels()) }
            catch { return .modelsFailed(.from(error)) }
        case .loadItemBody(let batchID, let customID, let span):
            do {
                let bytes = try spool.read(span)
                let value = try JSONValueParser.parse(Data(bytes))
                return .itemBodyLoaded(batchID: batchID, customID: customID, value)
            } catch {
                return .itemBodyFailed(batchID: batchID, customID: customID, reason: "\(error)")
            }
        case .exportItems(let fileName, let spans):
            do {
                let path = try ItemExport.destination(for: fileName)
                try ItemExport.write(spans: spans, from: spool, to: path)
                return .exportFinished(path: path)
            } catch {
                return .exportFailed(fileName: fileName, reason: "\(error)")
            }
        case .schedulePoll, .cancelPoll, .bell, .switchProfile, .setTheme, .quit, .releaseResults:
            return nil
        }
    }

    /// True for the effects `perform` answers.
    static func isAsyncWork(_ effect: Effect) -> Bool {
        switch effect {
        case .fetchListPage, .fetchBatch, .cancelBatch, .fetchBalance, .fetchModels, .loadItemBody, .exportItems:
            return true
        case .schedulePoll, .cancelPoll, .bell, .switchProfile, .setTheme, .quit, .releaseResults: return false
        }
    }
}
