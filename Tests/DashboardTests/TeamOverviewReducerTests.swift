import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// `T`: the team overview asks each other profile for one list page, at most every 30 s, and
/// Enter switches to the selected profile.
@Suite struct TeamOverviewReducerTests {
    typealias F = Fixtures

    @Test func opensAsksTheOtherProfilesGentlyAndSwitches() {
        var store = ReducerStore(F.loaded([F.batch(1)]))
        let epoch = store.state.poll.epoch
        // Fixtures: profiles work (in use) and home.
        var team = TeamScreen(profiles: ["work", "home"])
        team.scroll = .selecting(selected: 0)
        team.scroll.selected = 0
        team.rows[1].asking = true
        team.rows[1].askedAt = F.t0
        store.send(.key(.character("T")), [.api(.teamPage(profile: "home"), epoch)]) {
            $0.route = .team(team)
        }
        // Asked and not answered: a tick asks nothing more.
        store.send(.tick(now: F.at(1)), []) { $0.now = F.at(1) }
        let page = F.page([F.batch(7), F.batch(6, status: .completed, total: 1, completed: 1)], hasMore: true)
        team.rows[1].asking = false
        team.rows[1].active = 1
        team.rows[1].running = 1
        team.rows[1].failedItems = 0
        team.rows[1].lastFinished = ["batch_01JD000007XYZ": 0]
        team.rows[1].morePages = true
        team.rows[1].reading = .answered(at: F.at(2))
        store.send(.teamPageLoaded(profile: "home", page, at: F.at(2), epoch: epoch), []) {
            $0.now = F.at(2)
            $0.route = .team(team)
        }
        // Within 30 s of the last ask nothing is asked; at 30 s the next page is.
        store.send(.tick(now: F.at(29)), []) { $0.now = F.at(29) }
        team.rows[1].asking = true
        team.rows[1].askedAt = F.at(30)
        store.send(.tick(now: F.at(30)), [.api(.teamPage(profile: "home"), epoch)]) {
            $0.now = F.at(30)
            $0.route = .team(team)
        }
        // A refused key reads as one; its request id is kept apart from the reason.
        team.rows[1].asking = false
        team.rows[1].reading = .failed(words: "401 unauthorized: bad key", kind: .keyRefused, requestID: "req_0123456789abcdef",
                                       at: F.at(31))
        store.send(.teamPageFailed(profile: "home", MeshError(kind: .api, status: 401, code: "unauthorized", message: "bad key",
                                                              requestID: "req_0123456789abcdef"),
                                   at: F.at(31), epoch: epoch), []) {
            $0.now = F.at(31)
            $0.route = .team(team)
        }
        // Enter on the profile in use says why not; on another, switches.
        store.send(.key(.enter), []) { $0.message = StatusMessage("this is the profile in use", at: F.at(31)) }
        team.scroll.selected = 1
        store.send(.key(.down), []) { $0.route = .team(team) }
        store.send(.key(.enter), [.terminal(.switchProfile(name: "home"))]) {
            $0.message = StatusMessage("switching to profile home…", at: F.at(31))
        }
        store.send(.key(.escape), []) { $0.route = .list }
    }

    /// Two answers 30 s apart give a pace, and so when the next slot of a full profile frees: the
    /// soonest batch in progress to end. Failed items are summed over the page.
    @Test func twoAnswersTellWhenTheNextSlotFrees() {
        var store = ReducerStore(F.loaded([F.batch(1)]))
        let epoch = store.state.poll.epoch
        store.skip(.key(.character("T")))
        guard case .team(var team) = store.state.route else { Issue.record("no team overview"); return }
        // Ten batches in progress (the quota): batch 30 has 100 of 400 done and 3 failed, the others 0 of 500.
        func page(_ done: Int) -> BatchListPage {
            F.page([F.batch(30, total: 400, completed: done, failed: 3)] + (31...39).map { F.batch($0) })
        }
        let others = Dictionary(uniqueKeysWithValues: (31...39).map { (String(format: "batch_01JD%06dXYZ", $0), 0) })
        team.rows[1].asking = false
        team.rows[1].active = 10
        team.rows[1].running = 10
        team.rows[1].failedItems = 3
        team.rows[1].lastFinished = others.merging(["batch_01JD000030XYZ": 103]) { $1 }
        team.rows[1].reading = .answered(at: F.at(1))
        store.send(.teamPageLoaded(profile: "home", page(100), at: F.at(1), epoch: epoch), []) {
            $0.now = F.at(1)
            $0.route = .team(team)
        }
        team.rows[1].asking = true
        team.rows[1].askedAt = F.at(31)
        store.send(.tick(now: F.at(31)), [.api(.teamPage(profile: "home"), epoch)]) {
            $0.now = F.at(31)
            $0.route = .team(team)
        }
        // 30 s later 60 more are finished: 2 a second with 237 left, so 118.5 s after that answer.
        team.rows[1].asking = false
        team.rows[1].lastFinished = others.merging(["batch_01JD000030XYZ": 163]) { $1 }
        team.rows[1].nextSlotAt = F.at(31 + 118.5)
        team.rows[1].reading = .answered(at: F.at(31))
        store.send(.teamPageLoaded(profile: "home", page(160), at: F.at(31), epoch: epoch), []) {
            $0.now = F.at(31)
            $0.route = .team(team)
        }
    }

    @Test func anAnswerForAnotherSessionIsDropped() {
        var store = ReducerStore(F.loaded([F.batch(1)]))
        store.skip(.key(.character("T")))
        var stale = store.state.poll.epoch
        stale.session -= 1
        store.send(.teamPageLoaded(profile: "home", F.page([F.batch(9)]), at: F.at(1), epoch: stale), [])
    }

    @Test func oneProfileHasNoOverview() {
        var options = F.options
        options.profiles = ["work"]
        var state = DashboardState(options: options, pollInterval: 2, now: F.t0, width: 120, height: 40)
        _ = reduce(&state, .start(at: F.t0))
        var store = ReducerStore(state)
        store.send(.key(.character("T")), []) {
            $0.message = StatusMessage("one profile only: the team overview lists config.toml's profiles", at: F.t0)
        }
    }
}
