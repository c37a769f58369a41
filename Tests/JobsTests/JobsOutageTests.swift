import Foundation
import MeshAPI
import MeshtopTestSupport
import Testing

extension JobsSerialSuite {
/// The world misbehaving under a running job: the stand-in killed and restarted, the key
/// refused, the journal's disk full, a journal meshtop must not touch.
@Suite struct JobsOutageTests {
    /// kill -9 of the stand-in mid-job and a restart on the same database: the runner rides it out.
    @Test func theRunnerRidesOutAStandInRestart() async throws {
        let (started, database, port, runner, jobID) = try await Self.jobUnderWay()
        var fixture = started
        fixture.serve.kill()
        await fixture.serve.waitForExit()
        // Longer than the runner's rounds (2 s while batches move), so at least one falls in it.
        try await Task.sleep(for: .seconds(6))
        fixture = JobsFixture(serve: try await ServeProcess.start(["--db", database, "--speed", "40", "--failure-rate", "0"],
                                                                  keys: JobsFixture.keys, port: port), home: fixture.home)
        #expect(await runner.wait() == 0, "\(runner.stderr)")
        // The runner saw the outage (a round fell in it) and carried on.
        #expect(runner.stderr.contains("trying again"), "\(runner.stderr)")
        let results = try resultLines(try await fixture.run(["jobs", "results", jobID, "--jsonl"]).stdout)
        #expect(results.count == 480 && results.allSatisfy { $0["response"]?["status_code"]?.intValue == 200 })
        await fixture.stop()
        try? FileManager.default.removeItem(atPath: database)
    }

    /// A 401 mid-job (the stand-in came back without the key): the job stops and says why;
    /// `resume` after the fix finishes it, sending nothing twice.
    @Test func aRefusedKeyStopsTheJobAndResumeFinishesIt() async throws {
        let (started, database, port, runner, jobID) = try await Self.jobUnderWay()
        var fixture = started
        await fixture.serve.stop()
        fixture = JobsFixture(serve: try await ServeProcess.start(["--db", database, "--speed", "40", "--failure-rate", "0"],
                                                                  keys: "\(JobsFixture.teammateKey)=team", port: port), home: fixture.home)
        #expect(await runner.wait() == 1, "\(runner.stderr)")
        #expect(runner.stderr.contains("401") && runner.stderr.contains("check the key"), "\(runner.stderr)")
        #expect(runner.stderr.contains("meshtop jobs resume"), "\(runner.stderr)")
        let show = try await fixture.run(["jobs", "show", jobID])
        #expect(show.stdout.contains("state: stopped"), "\(show.stdout)")

        await fixture.serve.stop()
        fixture = JobsFixture(serve: try await ServeProcess.start(["--db", database, "--speed", "40", "--failure-rate", "0"],
                                                                  keys: JobsFixture.keys, port: port), home: fixture.home)
        let resumed = try await fixture.run(["jobs", "resume", jobID])
        #expect(resumed.code == 0, "\(resumed.stderr)")
        let ours = try await fixture.allBatches().filter { $0.metadata?["meshtop_job"]?.stringValue == jobID }
        #expect(ours.count == 12, "one batch per chunk: \(ours.count)")
        await fixture.stop()
        try? FileManager.default.removeItem(atPath: database)
    }

    /// A stand-in on a database file and a fixed port (so it can come back), and a 480-item job
    /// running against it with its first batches sent.
    static func jobUnderWay() async throws -> (JobsFixture, String, Int, BackgroundMeshtop, String) {
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("jobs-\(UUID().uuidString).sqlite").path
        let port = Int.random(in: 30_000..<40_000)
        let fixture = try await JobsFixture.start(["--db", database, "--speed", "40", "--failure-rate", "0"], port: port)
        // 12 chunks for 10 slots: with chunks waiting for a slot the runner goes round every 2 s.
        let input = try fixture.writeInput("in.jsonl", count: 480)
        let runner = try BackgroundMeshtop(["jobs", "run", input, "--batch-size", "40"], environment: fixture.environment)
        let jobID = try await runner.jobID()
        try await waitUntil { try await fixture.allBatches().count >= 3 }
        return (fixture, database, port, runner, jobID)
    }

    /// The journal's disk fills mid-job (a small tmpfs): the runner stops cleanly (exit 7, says
    /// why), and resumes once there is room, with every item's result.
    @Test func aFullDiskStopsTheRunnerCleanlyAndResumeGoesOn() async throws {
        let fixture = try await JobsFixture.start(["--memory", "--speed", "100", "--failure-rate", "0"])
        let state = fixture.home.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        // Root in a private mount namespace (as /work/tools/inwt and CI's container run the tests).
        let mounted = try await runTool("/bin/mount", ["-t", "tmpfs", "-o", "size=900k", "tmpfs", state.path])
        try #require(mounted == 0, "this test needs to mount a tmpfs (root in a mount namespace)")
        // Unmounted (awaited) whatever happens, before the fixture removes its home.
        try await withTeardown({
            _ = try? await runTool("/bin/umount", ["-l", state.path])
            await fixture.stop()
        }) {
            try await fillTheJournalsDiskThenResume(fixture, state: state)
        }
    }

    private func fillTheJournalsDiskThenResume(_ fixture: JobsFixture, state: URL) async throws {
        let input = try fixture.writeInput("in.jsonl", count: 1_500)
        let run = try await fixture.run(["jobs", "run", input, "--batch-size", "100"])
        #expect(run.code == 7, "\(run.stderr)")
        #expect(run.stderr.contains("disk is full") && run.stderr.contains("meshtop jobs resume"), "\(run.stderr)")
        let jobID = try #require(run.stdout.split(separator: "\n").first.map(String.init))
        #expect(try await runTool("/bin/mount", ["-o", "remount,size=64m", state.path]) == 0)
        let resumed = try await fixture.run(["jobs", "resume", jobID])
        #expect(resumed.code == 0, "\(resumed.stderr)")
        let results = try resultLines(try await fixture.run(["jobs", "results", jobID, "--jsonl"]).stdout)
        #expect(results.count == 1_500 && results.allSatisfy { $0["response"]?["status_code"]?.intValue == 200 })
        let ours = try await fixture.allBatches().filter { $0.metadata?["meshtop_job"]?.stringValue == jobID }
        #expect(ours.count == 15, "one batch per chunk: \(ours.count)")
    }

    /// A journal of schema 1 (items keyed by the job's text id, and a unique index on custom_id
    /// that only planning read) is upgraded in place on open: its job reads as before, and a new
    /// job still refuses a duplicate custom_id, now found without the index. The schema 1 file is
    /// made from a finished schema 2 journal by undoing schema 2's step in the sqlite3 module.
    @Test func aSchemaOneJournalIsUpgradedInPlace() async throws {
        let fixture = try await JobsFixture.start(["--memory", "--speed", "500", "--failure-rate", "0"])
        let run = try await fixture.run(["jobs", "run", try fixture.writeInput("in.jsonl", count: 40), "--batch-size", "10"])
        #expect(run.code == 0, "\(run.stderr)")
        let jobID = try #require(run.stdout.split(separator: "\n").first.map(String.init))
        let python = { (statements: String) in "import sqlite3, sys\nc = sqlite3.connect('\(fixture.journalPath)')\n" + statements }
        let toSchemaOne = python("""
            c.executescript('''
              CREATE TABLE item_v1 (job_id TEXT NOT NULL REFERENCES job(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
                line INTEGER NOT NULL, custom_id TEXT NOT NULL, chunk INTEGER NOT NULL, attempt INTEGER NOT NULL DEFAULT 0,
                state TEXT NOT NULL, request TEXT NOT NULL, result TEXT, result_attempt INTEGER, PRIMARY KEY (job_id, seq));
              INSERT INTO item_v1 SELECT j.id, i.seq, i.line, i.custom_id, i.chunk, i.attempt, i.state, i.request, i.result,
                i.result_attempt FROM item i JOIN job j ON j.job_key = i.job_key;
              DROP TABLE item; ALTER TABLE item_v1 RENAME TO item;
              CREATE INDEX item_by_attempt ON item(job_id, chunk, attempt);
              CREATE UNIQUE INDEX item_by_custom_id ON item(job_id, custom_id);
              DROP INDEX job_by_key; ALTER TABLE job DROP COLUMN job_key;
              PRAGMA user_version = 1;''')
            """)
        #expect(try await runTool("/usr/bin/python3", ["-c", toSchemaOne]) == 0)
        let results = try resultLines(try await fixture.run(["jobs", "results", jobID, "--jsonl"]).stdout)
        #expect(results.count == 40 && results.allSatisfy { $0["response"]?["status_code"]?.intValue == 200 })
        #expect(results.map { $0["custom_id"]?.stringValue } == (0..<40).map { "item-\($0)" })
        let upgraded = python("""
            v = c.execute('pragma user_version').fetchone()[0]
            names = {r[0] for r in c.execute("select name from sqlite_master where type = 'index'")}
            keyed = c.execute('select count(*) from item i join job j on j.job_key = i.job_key').fetchone()[0]
            sys.exit(0 if (v, 'item_by_custom_id' in names, keyed) == (2, False, 40) else 1)
            """)
        #expect(try await runTool("/usr/bin/python3", ["-c", upgraded]) == 0)
        let duplicated = fixture.home.appendingPathComponent("dup.jsonl")
        let line = { (id: String) in #"{"custom_id":"\#(id)","body":{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}}"# }
        // 5,000 ids before the repeat: the table of hashes has grown past its first size.
        let ids = (0..<5_000).map { "id-\($0)" } + ["id-17"]
        try Data((ids.map(line).joined(separator: "\n") + "\n").utf8).write(to: duplicated)
        let refused = try await fixture.run(["jobs", "run", duplicated.path])
        #expect(refused.code == 2 && refused.stderr.contains("line 5001: duplicate custom_id \"id-17\" (first used on line 18)"),
                "\(refused.stderr)")
        // A second job after the upgrade gets its own key; the first job's results are untouched.
        let second = try await fixture.run(["jobs", "run", try fixture.writeInput("more.jsonl", count: 5)])
        #expect(second.code == 0, "\(second.stderr)")
        #expect(try resultLines(try await fixture.run(["jobs", "results", jobID, "--jsonl"]).stdout).count == 40)
        await fixture.stop()
    }

    /// A damaged file, another application's database and a newer journal are refused with a
    /// message and left byte for byte as they were (no WAL switch, no tables added).
    @Test func aJournalMeshtopCannotUseIsRefusedAndLeftAlone() async throws {
        let fixture = try await JobsFixture.start(["--memory"])
        let folder = fixture.home.appendingPathComponent("state/meshtop")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let journal = folder.appendingPathComponent("jobs.sqlite")
        let cases: [(String, String)] = [
            ("garbage", "damaged or not a SQLite database"),
            ("import sqlite3; c = sqlite3.connect(p); c.execute('create table notes (x)'); c.commit()", "not a meshtop job journal"),
            ("import sqlite3; c = sqlite3.connect(p); c.execute('pragma application_id = 1296715586'); c.execute('pragma user_version = 7'); c.execute('create table job (id)'); c.commit()", "written by a newer meshtop"),
        ]
        for (make, message) in cases {
            try? FileManager.default.removeItem(at: journal)
            if make == "garbage" {
                try Data((0..<8192).map { _ in UInt8.random(in: 0...255) }).write(to: journal)
            } else {
                #expect(try await runTool("/usr/bin/python3", ["-c", "p = '\(journal.path)'; " + make]) == 0)
            }
            let before = try Data(contentsOf: journal)
            for command in [["jobs", "list"], ["jobs", "show", "job_x"], ["jobs", "run", try fixture.writeInput("in.jsonl", count: 3)]] {
                let output = try await fixture.run(command)
                #expect(output.code == 2, "\(command): \(output.stderr)")
                #expect(output.stderr.contains(message) && output.stderr.contains("left as it is"), "\(command): \(output.stderr)")
            }
            #expect(try Data(contentsOf: journal) == before)
            #expect(!FileManager.default.fileExists(atPath: journal.path + "-wal"))
        }
        await fixture.stop()
    }
}
}

/// Polls `condition` every 100 ms for up to 60 s.
func waitUntil(_ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(60)
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(100))
    }
    throw JobsTestError("the condition did not come true in 60 s")
}

/// Runs a tool to its end (through its termination handler: no cooperative thread waits).
@discardableResult
func runTool(_ path: String, _ arguments: [String]) async throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    return try await withCheckedThrowingContinuation { continuation in
        process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
        do { try process.run() } catch { continuation.resume(throwing: error) }
    }
}
