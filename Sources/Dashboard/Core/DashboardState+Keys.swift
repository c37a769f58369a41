import Foundation
import MeshAPI

/// Keys, through the keymap, into commands: the dashboard's own (polling, theme, profile, help,
/// quit, cancel) here, every other one routed to the screen on top (`route(_:)`).
extension DashboardState {
    mutating func handleKey(_ key: Key) -> [Effect] {
        let context = keyContext
        if context == .textEntry, key != .control("c"), routeTyping(key) { return [] }
        guard let (binding, refusal) = Keymap.lookup(key, in: context, state: self) else { return [] }
        if let refusal {
            // Backing out of where one already is says nothing; anything else says why not.
            if binding.command != .back { message = StatusMessage(refusal, at: now) }
            return []
        }
        if case .click(let row, let column) = key {
            return routeClick(row: row, column: column)
        }
        return perform(binding.command)
    }

    mutating func perform(_ command: Command) -> [Effect] {
        switch command {
        case .wheelUp: return (0..<3).flatMap { _ in route(.moveUp) }
        case .wheelDown: return (0..<3).flatMap { _ in route(.moveDown) }
        case .click: return []
        case .cancelBatch:
            if let id = focusedBatchID { overlay = .confirmCancel(CancelDialog(batchID: id)) }
            return []
        case .refresh:
            // `r` asks again for results the server refused before.
            results.unavailable = [:]
            if poll.round.active {
                // A round that is overdue may never end (a server that trickles its answer): give it up.
                if roundOverdue { return abandonRound() }
                poll.round.refreshQueued = true
                return []
            }
            return [.timer(.cancelPoll)] + startRound()
        case .togglePause:
            poll.paused.toggle()
            if poll.paused {
                poll.backoff.nextPollAt = nil
                message = StatusMessage("paused: p resumes", at: now)
                return [.timer(.cancelPoll)]
            }
            message = StatusMessage("resumed", at: now)
            return startRound()
        case .fasterPolling: return changeInterval(faster: true)
        case .slowerPolling: return changeInterval(faster: false)
        case .nextTheme:
            let themes = options.themes
            guard themes.count > 1 else { return [] }
            let index = themes.firstIndex(of: options.themeName) ?? -1
            return [.terminal(.setTheme(name: themes[(index + 1) % themes.count]))]
        case .nextProfile:
            let profiles = options.profiles
            let index = options.profileName.flatMap { profiles.firstIndex(of: $0) } ?? -1
            let next = profiles[(index + 1) % profiles.count]
            message = StatusMessage("switching to profile \(next)…", at: now)
            return [.terminal(.switchProfile(name: next))]
        case .teamOverview:
            if case .team = route {
                route = .list
                return []
            }
            var team = TeamScreen(profiles: options.profiles)
            team.scroll.reset(count: team.rows.count)
            if let current = options.profileName, let at = options.profiles.firstIndex(of: current) {
                team.scroll.select(at, in: team.extent(layout))
            }
            let effects = team.ask(profileInUse: options.profileName, now: now, epoch: poll.epoch)
            route = .team(team)
            return effects
        case .jobsScreen:
            if case .jobs = route {
                route = .list
                return []
            }
            var jobs = JobsScreen()
            let read = jobs.readNow(now: now)
            route = .jobs(jobs)
            return read.map { [$0] } ?? []
        case .eventLog:
            if case .events = route {
                route = .list
                return []
            }
            route = .events(EventLogScreen())
            return []
        case .help:
            if case .help = overlay { return route(.help) }
            overlay = .help(HelpScreen())
            return []
        case .quit: return [.terminal(.quit)]
        default:
            return route(command)
        }
    }

    /// The team overview's list pages that are due (on every tick while it is open).
    mutating func askTeam() -> [Effect] {
        guard case .team(var team) = route else { return [] }
        let effects = team.ask(profileInUse: options.profileName, now: now, epoch: poll.epoch)
        route = .team(team)
        return effects
    }

    /// The Jobs screen's read of the journal, when one is due (on every tick while it is open).
    mutating func readJobs() -> [Effect] {
        var effect: Effect?
        let now = self.now
        updateJobs { effect = $0.readDue(now: now) }
        return effect.map { [$0] } ?? []
    }

    /// A team page answered: the row's slots, or why not.
    mutating func teamAnswered(profile: String, at: Date, _ update: (inout TeamRow) -> Void) {
        guard case .team(var team) = route else { return }
        team.answered(profile: profile, update)
        route = .team(team)
    }
}
