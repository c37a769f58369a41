import Dispatch
import Foundation
import Synchronization

/// Ctrl-C for a `jobs` command that drives a job, listened for from the command's start.
///
/// A Dispatch signal source starts listening a moment after it is resumed (it is registered on
/// Dispatch's own thread), and SIGINT is ignored from just before: a source made as driving began
/// missed a Ctrl-C pressed as the job's id appeared, and the runner went on as if none had come.
/// Made when the command starts, it is listening long before there is anything to stop.
///
/// Before driving begins, Ctrl-C ends the command at once: nothing was sent, and a planning
/// transaction cut short is rolled back by SQLite. While driving, the first stops between steps
/// (a create in flight gets its answer journaled) and a second leaves at once (the journal is
/// consistent after every transaction).
///
/// `@unchecked Sendable`: besides two atomics it holds only the signal source, set once in `init`
/// and never touched again (Dispatch's sources are thread-safe).
final class JobInterrupts: @unchecked Sendable {
    private let requests = Atomic<Int>(0)
    private let driving = Atomic<Bool>(false)
    private var source: (any DispatchSourceSignal)?
    private let earlyMessage: String

    /// Starts listening, for the rest of the process's life. `earlyMessage` is said when Ctrl-C
    /// ends the command before driving begins.
    init(earlyMessage: String = "meshtop: interrupted") {
        self.earlyMessage = earlyMessage
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        self.source = source
        source.setEventHandler { [unowned self] in self.interrupted() }
        source.resume()
    }

    /// From now on the first Ctrl-C asks the runner to stop instead of ending the command.
    func startDriving() { driving.store(true, ordering: .relaxed) }

    /// Whether Ctrl-C was pressed while driving (the runner polls it between steps).
    var isRequested: Bool { requests.load(ordering: .relaxed) > 0 }

    private func interrupted() {
        let count = requests.add(1, ordering: .relaxed).newValue
        guard driving.load(ordering: .relaxed) else {
            OutputTerminal.errorLine(earlyMessage)
            exit(JobExit.interrupted)
        }
        if count > 1 { exit(JobExit.interrupted) }
    }
}
