import Dashboard
import Dispatch
import Foundation
import Logging
import MeshAPI
import MeshConfig
import TerminalUI

/// The dashboard's run loop, on the main queue (the main actor) as DESIGN.md describes:
/// keys from a read source on stdin, signals from signal sources, HTTP in tasks whose answers come
/// back as actions, a one-shot poll timer that `reduce` re-arms after each answer, and one render per
/// turn of the run loop, only when an action arrived.
///
/// Usage: `try DashboardRuntime(...).start()` from the main actor; the caller then leaves the main
/// queue free (it never returns to the shell except through `exit`).
@MainActor
final class DashboardRuntime {
    private var state: DashboardState
    private var api: any BatchAPI
    /// Clients replaced by a profile switch; kept alive because AsyncHTTPClient must not be dropped running.
    private var retiredAPIs: [any BatchAPI] = []
    /// Clients of the other profiles, for the team overview's list pages; built once each.
    private var teamAPIs: [String: any BatchAPI] = [:]
    private let themeLoader: ThemeLoader
    private let color: Bool
    private let switchProfile: ProfileSwitcher?
    private let logger: Logger
    private let initialThemeWarning: String?
    private var terminal: Terminal?
    private var sources: [any DispatchSourceProtocol] = []
    private var pollTimer: (any DispatchSourceTimer)?
    /// Item results of every batch fetched, on disk (see `ResultSpool`): the state keeps summaries.
    private let spool = ResultSpool(directory: StateFolder.prepare())
    /// The job journal, for the Jobs screen.
    private let journal = JournalWatcher()
    /// Where theme, sort, filter, pace and the detail pane are remembered between runs.
    private let settingsFile: SettingsFile
    private var dirty = false
    /// When the frame on screen goes stale by the clock alone (`Screen.validUntil`): a tick before
    /// then changes nothing visible, so it is not rendered. Idle means nothing runs.
    private var frameValidUntil: Date?
    private var renderScheduled = false
    /// A list page had rows that were not batches; logged the first time only.
    private var loggedSkippedRows = false

    init(state: DashboardState, api: any BatchAPI, themeLoader: ThemeLoader, color: Bool,
         initialThemeWarning: String?, switchProfile: ProfileSwitcher?, settingsFile: SettingsFile, logger: Logger) {
        self.state = state
        self.settingsFile = settingsFile
        self.api = api
        self.themeLoader = themeLoader
        self.color = color
        self.initialThemeWarning = initialThemeWarning
        self.switchProfile = switchProfile
        self.logger = logger
    }

    /// Takes the terminal and starts the sources. Throws (with the terminal untouched or restored)
    /// when the terminal cannot be used.
    func start(theme: ColorTheme) throws {
        // Signals first: Dispatch signal sources need SIG_IGN, and ncurses then leaves them alone.
        for signo in [SIGWINCH, SIGINT, SIGTERM, SIGHUP] {
            signal(signo, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signo, queue: .main)
            source.setEventHandler { [weak self] in
                MainActor.assumeIsolated { self?.handleSignal(signo) }
            }
            source.resume()
            sources.append(source)
        }
        // The first requests go out before the terminal is set up (terminfo, the screen's
        // buffers): they are answered on the client's threads while this one does that, and
        // nothing is drawn before this turn of the main queue ends.
        send(.start(at: Date()))
        let terminal = try Terminal(theme: theme, color: color)
        self.terminal = terminal
        logger.info("dashboard started", metadata: ["size": "\(terminal.columns)x\(terminal.rows)",
                                                    "colors": "\(terminal.colorCount)",
                                                    "results": "\(spool.location)"])

        let input = DispatchSource.makeReadSource(fileDescriptor: STDIN_FILENO, queue: .main)
        input.setEventHandler { [weak self] in
            let available = input.data
            MainActor.assumeIsolated { self?.readInput(available: available) }
        }
        input.resume()
        sources.append(input)

        // Ages, countdowns and change highlights move once a second; nothing else runs when idle.
        let tick = DispatchSource.makeTimerSource(queue: .main)
        tick.schedule(deadline: .now() + 1, repeating: 1, leeway: .milliseconds(100))
        tick.setEventHandler { [weak self] in
            MainActor.assumeIsolated { self?.send(.tick(now: Date())) }
        }
        tick.resume()
        sources.append(tick)

        send(.resize(width: terminal.columns, height: terminal.rows))
        if let initialThemeWarning {
            send(.themeFailed(name: state.options.themeName, reason: initialThemeWarning))
        }
    }

    // MARK: Actions and rendering

    func send(_ action: Action) {
        let effects = reduce(&state, action)
        if case .tick(let now) = action {
            // Only time moved: the frame changes only if something on it was drawn from the clock.
            if let until = frameValidUntil, now >= until { dirty = true }
        } else {
            dirty = true
        }
        for effect in effects { run(effect) }
        scheduleRender()
    }

    /// Sends `action` on a later turn of the main queue: how an effect answers.
    private func sendLater(_ action: Action) {
        DispatchQueue.main.async { [weak self] in
            MainActor.assumeIsolated { self?.send(action) }
        }
    }

    /// Many actions in one turn (a burst of keys, several answers) give one frame.
    private func scheduleRender() {
        guard !renderScheduled else { return }
        renderScheduled = true
        DispatchQueue.main.async { [weak self] in
            MainActor.assumeIsolated { self?.renderIfDirty() }
        }
    }

    private func renderIfDirty() {
        renderScheduled = false
        guard dirty, let terminal, !terminal.restored else { return }
        dirty = false
        let screen = render(state, width: terminal.columns, height: terminal.rows)
        frameValidUntil = screen.validUntil
        terminal.draw(screen)
    }

    // MARK: Effects

    /// One switch over the kinds of work. Answers come back through the main queue as actions;
    /// which answers still count (epochs) and when spool space may go (readers) is `reduce`'s call.
    private func run(_ effect: Effect) {
        logger.trace("effect \(effect)")
        switch effect {
        case .timer(.schedulePoll(let seconds)):
            armPoll(after: seconds)
        case .timer(.cancelPoll):
            pollTimer?.cancel()
            pollTimer = nil
        case .terminal(.bell):
            terminal?.bell()
        case .terminal(.quit):
            quit(status: 0)
        case .terminal(.copy(let copy)):
            terminal?.passThrough(copy.sequence)
        case .terminal(.saveSettings(let settings)):
            // Small and rare (a key press): written here, on the main queue, so two saves never race.
            do {
                try settingsFile.save(settings)
            } catch {
                logger.warning("settings: cannot write \(settingsFile.path): \(error)")
            }
        case .terminal(.setTheme(let name)):
            let result = themeLoader.load(name)
            let answer: Action
            if let warning = result.warning {
                logger.warning("theme: \(warning)")
                answer = .themeFailed(name: name, reason: warning)
            } else {
                terminal?.applyTheme(color ? result.theme : result.theme.withoutColor)
                answer = .themeApplied(name: name)
            }
            // Answered in a turn of its own, as every effect is: never `reduce` from inside an effect.
            sendLater(answer)
        case .terminal(.switchProfile(let name)):
            guard let switchProfile else {
                sendLater(.profileSwitchFailed(name: name, reason: "no config.toml profiles"))
                return
            }
            Task { [weak self] in
                do {
                    let (api, label) = try await switchProfile(name)
                    self?.replaceAPI(api)
                    self?.send(.profileSwitched(name: name, endpointLabel: label, at: Date()))
                } catch {
                    self?.send(.profileSwitchFailed(name: name, reason: String(describing: error)))
                }
            }
        case .journal(let read):
            let journal = journal
            Task { [weak self] in
                let answer = await journal.perform(read)
                self?.send(answer)
            }
        case .spool(let work):
            let runner = APIEffectRunner(api: api, spool: spool)
            if case .release = work {
                _ = runner.perform(work)
                return
            }
            let logger = logger
            Task.detached { [weak self] in
                guard let action = runner.perform(work) else { return }
                Self.log(action, logger: logger)
                await self?.send(action)
            }
        case .api(.teamPage(let profile), let epoch):
            let spool = spool
            Task { [weak self] in
                guard let self else { return }
                do {
                    let runner = APIEffectRunner(api: try await self.teamAPI(profile), spool: spool)
                    self.send(await runner.perform(.teamPage(profile: profile), epoch: epoch))
                } catch {
                    self.send(.teamPageFailed(profile: profile, .from(error), at: Date(), epoch: epoch))
                }
            }
        case .api(let request, let epoch):
            let runner = APIEffectRunner(api: api, spool: spool)
            let logger = logger
            Task { [weak self] in
                let action = await runner.perform(request, epoch: epoch)
                Self.log(action, logger: logger)
                guard let self else { return }
                if case .listPageLoaded(let page, _, _, _) = action, page.skippedRows > 0, !self.loggedSkippedRows {
                    // Once per run: a server that always sends such a row would otherwise fill the log.
                    self.loggedSkippedRows = true
                    logger.warning("list page: skipped \(page.skippedRows) row(s) without a string id (kept the rest); said once")
                }
                self.send(action)
            }
        }
    }

    /// The client of `profile` for the team overview (never the one in use: its row is the live mirror).
    private func teamAPI(_ profile: String) async throws -> any BatchAPI {
        if let api = teamAPIs[profile] { return api }
        guard let switchProfile else { throw MeshError(kind: .network, message: "no config.toml profiles") }
        let api = try await switchProfile(profile).api
        teamAPIs[profile] = api
        return api
    }

    private func replaceAPI(_ newAPI: any BatchAPI) {
        retiredAPIs.append(api)
        api = newAPI
    }

    /// One-shot: it fires once and is re-armed only by `reduce` after the poll's answer, so two polls
    /// never overlap and pausing is simply not re-arming.
    private func armPoll(after seconds: Double) {
        pollTimer?.cancel()
        let timer = DispatchSource.makeTimerSource(queue: .main)
        timer.schedule(deadline: .now() + max(0, seconds), leeway: .milliseconds(50))
        timer.setEventHandler { [weak self] in
            MainActor.assumeIsolated {
                self?.pollTimer = nil
                self?.send(.pollDue(at: Date()))
                // The journal on the same timer: the list names a job's batches by its name.
                self?.run(.journal(JournalRead()))
            }
        }
        timer.resume()
        pollTimer = timer
    }

    private nonisolated static func log(_ action: Action, logger: Logger) {
        switch action {
        case .listFailed(let error, _, _): logger.warning("list failed: \(error)")
        case .batchFailed(let id, let error, _, _): logger.warning("get \(id) failed: \(error)")
        case .cancelFailed(let id, let error, _, _): logger.warning("cancel \(id) failed: \(error)")
        case .cancelFinished(let batch, _, _): logger.info("cancel \(batch.id): \(batch.status.map { "\($0)" } ?? "?")")
        case .exportFinished(let path): logger.info("exported \(path)")
        case .exportFailed(let name, let reason): logger.warning("export \(name) failed: \(reason)")
        default: break
        }
    }

    // MARK: Input and signals

    private func readInput(available: UInt) {
        guard let terminal else { return }
        let (keys, resized) = terminal.readKeys()
        if resized { send(.resize(width: terminal.columns, height: terminal.rows)) }
        for key in keys { send(.key(key)) }
        // Readable with nothing to read is end of file: the terminal went away (a hangup).
        if keys.isEmpty && !resized && available == 0 {
            logger.info("stdin closed")
            quit(status: 128 + SIGHUP)
        }
    }

    private func handleSignal(_ signo: Int32) {
        if signo == SIGWINCH {
            // A resize alone does not make stdin readable; read the size from the kernel.
            guard let terminal, let size = Terminal.kernelSize() else { return }
            terminal.resize(rows: size.rows, columns: size.columns)
            send(.resize(width: terminal.columns, height: terminal.rows))
            return
        }
        logger.info("signal \(signo): exiting")
        quit(status: 128 + signo)
    }

    /// Restores the terminal before leaving, whatever the way out.
    func quit(status: Int32) -> Never {
        terminal?.restore()
        // A profile's key_command still running (a switch, the team overview) ends with meshtop.
        KeyCommandRunner.stopAll()
        exit(status)
    }

    /// For a thrown error after start: the terminal comes back before the message is printed.
    func restoreTerminal() {
        terminal?.restore()
    }
}
