import Foundation

/// The team overview's commands, and its gentle polling of the other profiles.
extension TeamScreen: DashboardScreen {
    func extent(_ layout: Layout) -> ScrollExtent {
        ScrollExtent(count: rows.count, page: max(1, layout.body.height - 2 - Self.detailRows(layout)))
    }

    mutating func perform(_ command: Command, in app: DashboardState) -> [ScreenEffect] {
        if scroll.perform(command, in: extent(app.layout)) { return [] }
        switch command {
        case .open:
            guard let at = scroll.selected, at < rows.count else { return [] }
            let name = rows[at].profile
            return [.say("switching to profile \(name)…"), .run(.terminal(.switchProfile(name: name)))]
        case .back:
            return [.back]
        default:
            break
        }
        return []
    }

    /// Why Enter cannot switch, or nil.
    func selectionRefusal(profileInUse: String?) -> String? {
        guard let at = scroll.selected, at < rows.count else { return "no profile selected" }
        return rows[at].profile == profileInUse ? "this is the profile in use" : nil
    }

    /// List pages for the profiles that are due: never the one in use (its row is the live mirror),
    /// never one already being asked, each at most every `pollSeconds`.
    mutating func ask(profileInUse: String?, now: Date, epoch: Epoch) -> [Effect] {
        var effects: [Effect] = []
        for index in rows.indices {
            let row = rows[index]
            guard row.profile != profileInUse, !row.asking else { continue }
            if let asked = row.askedAt, now.timeIntervalSince(asked) < Self.pollSeconds { continue }
            rows[index].asking = true
            rows[index].askedAt = now
            effects.append(.api(.teamPage(profile: row.profile), epoch))
        }
        return effects
    }

    /// A team page answered: the row's slots, or why not.
    mutating func answered(profile: String, _ update: (inout TeamRow) -> Void) {
        guard let index = rows.firstIndex(where: { $0.profile == profile }) else { return }
        rows[index].asking = false
        update(&rows[index])
    }
}
