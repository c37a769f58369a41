import Foundation
import Testing
@testable import MeshAPI
import MeshtopTestSupport

/// MeshClient and the commands against a server that misbehaves on purpose: an answer that
/// trickles, answers too large to keep, paging that never ends, a row that is not a batch.
extension BigAnswerSerialSuite {
    @Suite struct HostileServerTests {
        static let key = "rsk_fixturekeyfixturekeyfixture"

        // A long default: the caps must be what stops a big answer, even on a loaded machine.
        // Small caps where the size is not the point: splitting megabytes in a debug build would hog the
        // cooperative threads other tests' in-process servers answer on.
        func client(_ server: FixtureServer, requestTimeout: Duration = .seconds(60), maxAttempts: Int = 1,
                    maxBodyBytes: Int = MeshClientConfiguration.defaultMaxBodyBytes,
                    maxResultsBytes: Int64 = MeshClientConfiguration.defaultMaxResultsBytes) -> MeshClient {
            MeshClient(configuration: MeshClientConfiguration(
                baseURL: server.baseURL, apiKey: Self.key, requestTimeout: requestTimeout,
                retry: RecordedSleeps().policy(maxAttempts: maxAttempts), maxBodyBytes: maxBodyBytes,
                maxResultsBytes: maxResultsBytes))
        }

        /// Headers at once, then a byte every 0.3 s: each byte is well inside the read timeout, so only
        /// a deadline for the whole answer ends it (the body alone would take over 10 s).
        @Test func aTricklingBodyIsATimeout() async throws {
            let server = try await FixtureServer.start { _, _, _ in
                .init(body: #"{"object": "list", "data": [], "has_more": false}"#, trickle: 0.3)
            }
            let api = client(server, requestTimeout: .seconds(1))
            let error = await #expect(throws: MeshError.self) { try await api.listBatches(after: nil, limit: 20) }
            await api.shutdown()
            await server.stop()
            #expect(error?.kind == .timeout)
        }

        /// The spooled GET (the dashboard's) has the same deadline.
        @Test func aTricklingBatchIsATimeoutForTheSpooledGet() async throws {
            let server = try await FixtureServer.start { _, _, _ in
                .init(body: #"{"id": "b", "status": "completed", "results": [{"custom_id": "a"}]}"#, trickle: 0.3)
            }
            let api = client(server, requestTimeout: .seconds(1))
            let spool = ResultSpool(directory: nil)
            let error = await #expect(throws: MeshError.self) { try await api.getBatchSpooled(id: "b", into: spool) }
            await api.shutdown()
            await server.stop()
            #expect(error?.kind == .timeout)
        }

        /// A slow but steady answer inside the deadline still arrives whole.
        @Test func anAnswerWithinTheDeadlineArrives() async throws {
            let server = try await FixtureServer.start { _, _, _ in
                .init(body: #"{"id": "b1"}"#, trickle: 0.02)
            }
            let api = client(server, requestTimeout: .seconds(30))
            let batch = try await api.using { try await $0.getBatch(id: "b1") }
            await server.stop()
            #expect(batch.id == "b1")
        }

        /// Results that take longer than the deadline but keep coming (16 MiB in 512 KiB steps, about
        /// 3.2 s against a 2 s deadline, at twenty times the rate that earns time, so a loaded machine
        /// that stretches the server's pauses fourfold still keeps up) earn their time: only a trickle is
        /// cut off. (At five times the rate, the merged suite's load once stretched them too far.)
        @Test func aBigAnswerThatKeepsComingIsNotCutOff() async throws {
            let item = #"{"custom_id": "x", "response": {"status_code": 200, "body": {"pad": "\#(String(repeating: "y", count: 1000))"}}},"#
            let body = #"{"id": "b", "status": "completed", "results": ["# + String(repeating: item, count: 16_000) + #"{"custom_id": "last"}]}"#
            let server = try await FixtureServer.start { _, _, _ in .init(body: body, trickle: 0.1, trickleBytes: 512 * 1024) }
            let api = client(server, requestTimeout: .seconds(2))
            let loaded = try await api.using { try await $0.getBatchSpooled(id: "b", into: ResultSpool(directory: nil)) }
            await server.stop()
            #expect(loaded.items?.count == 16_001)
        }

        /// 9 MiB of a list page (valid JSON: the padding is whitespace) is past the 8 MiB cap.
        @Test func aListPageOverTheCapIsRefusedWithWords() async throws {
            let server = try await FixtureServer.start { _, _, _ in
                .init(body: String(repeating: " ", count: 64 * 1024), repeatCount: 144,
                      tail: #"{"object": "list", "data": [], "has_more": false}"#)
            }
            let api = client(server)
            let error = await #expect(throws: MeshError.self) { try await api.listBatches(after: nil, limit: 20) }
            await api.shutdown()
            await server.stop()
            #expect(error?.kind == .decoding)
            #expect(error?.message.contains("larger than 8 MiB") == true, "\(String(describing: error))")
        }

        /// A batch whose own fields (not its results) pass the cap (256 KiB here, 8 MiB by default): the
        /// spooled GET stops reading.
        @Test func aBatchWithoutResultsOverTheCapIsRefused() async throws {
            let server = try await FixtureServer.start { _, _, _ in
                .init(body: String(repeating: "x", count: 64 * 1024), repeatCount: 8,
                      head: #"{"id": "b", "status": "in_progress", "metadata": {"pad": ""#, tail: #""}}"#)
            }
            let api = client(server, maxBodyBytes: 256 * 1024)
            let error = await #expect(throws: MeshError.self) { try await api.getBatchSpooled(id: "b", into: ResultSpool(directory: nil)) }
            await api.shutdown()
            await server.stop()
            #expect(error?.kind == .decoding)
            #expect(error?.message.contains("without its results is larger than 256 KiB") == true, "\(String(describing: error))")
        }

        /// Results stream to the spool, up to the configured limit for one batch (256 KiB here, 2 GiB by default).
        @Test func resultsOverTheirLimitStopTheDownloadWithWords() async throws {
            let item = #"{"custom_id": "x", "response": {"status_code": 200, "body": {"pad": "\#(String(repeating: "y", count: 1000))"}}},"#
            let server = try await FixtureServer.start { _, _, _ in
                .init(body: item, repeatCount: 500, head: #"{"id": "b", "status": "completed", "results": ["#,
                      tail: #"{"custom_id": "last"}]}"#)
            }
            let api = client(server, maxResultsBytes: 256 * 1024)
            let error = await #expect(throws: MeshError.self) { try await api.getBatchSpooled(id: "b", into: ResultSpool(directory: nil)) }
            // The same batch fits a larger limit: the cap, not the data, stopped it.
            let roomy = client(server, maxResultsBytes: 1024 * 1024)
            let loaded = try await roomy.using { try await $0.getBatchSpooled(id: "b", into: ResultSpool(directory: nil)) }
            await api.shutdown()
            await server.stop()
            #expect(error?.kind == .decoding)
            #expect(error?.message.contains("results of b are larger than 256 KiB") == true, "\(String(describing: error))")
            #expect(loaded.items?.count == 501)
        }

        /// One row without an id (the only required field) is left out; the rest of the page stays.
        @Test func aRowWithoutAnIDIsSkippedAndTheRestKept() async throws {
            let server = try await FixtureServer.start { _, _, _ in
                .init(body: #"{"object": "list", "data": [{"id": "b3", "status": "in_progress"}, {"status": "completed"}, {"id": 7}, {"id": "b1"}], "has_more": false}"#)
            }
            let api = client(server)
            let page = try await api.using { try await $0.listBatches(after: nil, limit: 20) }
            await server.stop()
            #expect(page.data.map(\.id) == ["b3", "b1"])
            #expect(page.skippedRows == 2)
        }

        /// `has_more` for ever with cursors that come back (A, B, A, ...): the walk ends at the first repeat.
        @Test(.timeLimit(.minutes(1)))
        func pagingEndsWhenACursorComesBack() async throws {
            let server = try await FixtureServer.start { _, _, previous in
                let id = previous % 2 == 0 ? "batch_a" : "batch_b"
                return .init(body: #"{"object": "list", "data": [{"id": "\#(id)"}], "last_id": "\#(id)", "has_more": true}"#)
            }
            let api = client(server)
            var pages = 0
            for try await _ in api.allBatchPages() { pages += 1 }
            await api.shutdown()
            await server.stop()
            #expect(pages == 3)
            #expect(server.count("GET", "/v1/batches") == 3)
        }

        /// The same servers against the real binary: `batches list --all` ends, and skips the bad row.
        @Test(.timeLimit(.minutes(1)))
        func listCommandEndsOnARepeatedCursorAndSkipsABadRow() async throws {
            // A fresh server per run, so each walk sees the cursors from the start.
            func run(_ arguments: String...) async throws -> MeshtopBinary.Output {
                let server = try await FixtureServer.start { _, _, previous in
                    let id = previous % 2 == 0 ? "batch_a" : "batch_b"
                    return .init(body: #"{"object": "list", "data": [{"status": "in_progress"}, {"id": "\#(id)", "status": "completed"}], "last_id": "\#(id)", "has_more": true}"#)
                }
                let output = try await MeshtopBinary.run(arguments, environment: ["MESH_API_KEY": Self.key, "MESH_API_BASE_URL": server.baseURL])
                #expect(server.count("GET", "/v1/batches") == 3)
                await server.stop()
                return output
            }
            let human = try await run("batches", "list", "--all")
            let json = try await run("batches", "list", "--all", "--json")
            // What was read is shown, but a repeated cursor is not the end of the list: exit 9, and said.
            #expect(human.code == 9, "\(human.stderr)")
            #expect(human.stdout.contains("batch_a") && human.stdout.contains("batch_b"))
            #expect(human.stderr.contains("3 list row(s) without an id"), "\(human.stderr)")
            #expect(human.stderr.contains("the list may be incomplete: the server repeated the cursor batch_a"), "\(human.stderr)")
            #expect(json.code == 9, "\(json.stderr)")
            // The raw objects line up with the batches although a row was left out before each.
            let list = try JSONDecoder().decode(JSONValue.self, from: Data(json.stdout.utf8))
            let ids = list["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
            #expect(ids == ["batch_a", "batch_b", "batch_a"])
            #expect(list["has_more"] == .bool(true))
        }

        /// `has_more` for ever with a fresh cursor on every page: `--all` stops at the dashboard's cap
        /// of 100 pages instead of reading for ever, prints what it read, and exits 9.
        @Test(.timeLimit(.minutes(1)))
        func listCommandStopsAtThePageCapAgainstFreshCursors() async throws {
            let server = try await FixtureServer.start { _, _, previous in
                let id = "batch_\(previous)"
                return .init(body: #"{"object": "list", "data": [{"id": "\#(id)", "status": "completed"}], "last_id": "\#(id)", "has_more": true}"#)
            }
            let environment = ["MESH_API_KEY": Self.key, "MESH_API_BASE_URL": server.baseURL]
            let json = try await MeshtopBinary.run(["batches", "list", "--all", "--json"], environment: environment)
            let requests = server.count("GET", "/v1/batches")
            await server.stop()
            #expect(requests == BatchPages.maxPages)
            #expect(json.code == 9, "\(json.stderr)")
            #expect(json.stderr.contains("the list may be incomplete: stopped after 100 pages"), "\(json.stderr)")
            let list = try JSONDecoder().decode(JSONValue.self, from: Data(json.stdout.utf8))
            #expect(list["data"]?.arrayValue?.count == 100)
            #expect(list["has_more"] == .bool(true))
        }
    }
}
