import Foundation
import MeshAPI
import MeshJobs

/// `meshtop-bench jobs FILE.jsonl [JOURNAL JOB]`: the two halves of `meshtop jobs` that scale with
/// the number of requests, timed in-process (medians, wall and this process's CPU, which a busy
/// machine inflates less): checking the file alone, checking and journaling it into a fresh journal
/// (what `jobs run` does before it prints the job's id), and, given a finished job's journal,
/// writing its `jobs results --jsonl` to /dev/null. `scripts/bench-jobs.sh` (MODE=io) runs it beside
/// the references (jq reading the file, sqlite3 dumping the rows).
enum JobsBench {
    struct Sample {
        var wall: Double
        var cpu: Double
    }

    static func run(_ arguments: [String]) {
        guard let file = arguments.first else {
            print("usage: meshtop-bench jobs FILE.jsonl [JOURNAL JOB]")
            exit(2)
        }
        let runs = Int(ProcessInfo.processInfo.environment["RUNS"] ?? "") ?? 5
        var lines = 0
        let check = measure(runs) {
            var reader = BatchInputReader(oneModel: false, checksDuplicates: false, keepsValues: false)
            let handle = FileHandle(forReadingAtPath: file)!
            try! reader.read(handle) { _ in }
            lines = reader.count
        }
        report("check \(lines) lines (BatchInputReader alone)", check)
        let folder = NSTemporaryDirectory() + "meshtop-bench-jobs-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var run = 0
        let plan = measure(runs) {
            run += 1
            let journal = try! JobJournal.open(at: "\(folder)/\(run)/jobs.sqlite")
            _ = try! journal.createJob(name: "bench", settings: JobSettings(), input: FileHandle(forReadingAtPath: file)!,
                                       inputName: file)
        }
        report("check + journal \(lines) lines (createJob, a fresh journal each run)", plan)
        guard arguments.count >= 3 else { return }
        let reader = try! JobJournalReader.open(at: arguments[1])!
        let sink = FileHandle(forWritingAtPath: "/dev/null")!
        var bytes = 0
        let results = measure(runs) {
            bytes = 0
            try! reader.resultLines(of: arguments[2]) { bytes += $0.count; sink.write($0) }
        }
        report(String(format: "results --jsonl of %@ (%.0f MB, to /dev/null)", arguments[2], Double(bytes) / 1e6), results)
    }

    static func measure(_ runs: Int, _ body: () -> Void) -> Sample {
        var samples: [Sample] = []
        for _ in 0..<runs {
            let wall = DispatchTime.now().uptimeNanoseconds
            let cpu = cpuSeconds()
            body()
            samples.append(Sample(wall: Double(DispatchTime.now().uptimeNanoseconds - wall) / 1e9, cpu: cpuSeconds() - cpu))
        }
        let middle = samples.count / 2
        return Sample(wall: samples.map(\.wall).sorted()[middle], cpu: samples.map(\.cpu).sorted()[middle])
    }

    static func report(_ what: String, _ sample: Sample) {
        print(String(format: "  %@: median %.2f s wall, %.2f s CPU", what, sample.wall, sample.cpu))
    }

    /// This process's CPU time (user and system), all threads.
    static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
