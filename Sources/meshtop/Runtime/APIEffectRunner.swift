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
                return .itemBodyLoaded(batchID: batchID, customID: customID, try Self.itemBody(at: span, in: spool))
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

    /// A result up to this size is shown whole in the item body view.
    static let wholeBodyBytes = 4 << 20
    /// Of a larger one, each text keeps this many bytes, and the copy shown is at most `bodyCopyBytes`:
    /// the view holds a bounded part of a 1 GiB answer, read from the spool a mebibyte at a time.
    static let bodyStringBytes = 256 * 1024
    static let bodyCopyBytes = 8 << 20

    /// The result at `span`, parsed; past `wholeBodyBytes`, from its capped copy, each cut text
    /// saying so (the export, `e` on the items screen, writes the whole of it).
    static func itemBody(at span: ByteSpan, in spool: ResultSpool) throws -> JSONValue {
        guard span.length > wholeBodyBytes else { return try JSONValueParser.parse(Data(try spool.read(span))) }
        let size = String(format: "%.1f MiB", Double(span.length) / 1_048_576)
        let copy = try CappedJSONCopy.read(span, from: spool, stringLimit: bodyStringBytes, byteLimit: bodyCopyBytes)
        guard !copy.overflowed else {
            throw ResultSpoolError("this result (\(size)) is too large to show here; e on the items screen exports it whole")
        }
        return CappedJSONCopy.marked(try JSONValueParser.parse(Data(copy.bytes))) { kept, characters in
            "… [cut: the first \(kept.unicodeScalars.count) of \(characters) characters; this result is \(size), e on the items screen exports it whole]"
        }
    }
}
