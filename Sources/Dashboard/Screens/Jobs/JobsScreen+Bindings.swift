/// The Jobs screen's keys.
extension JobsScreen {
    static let bindings: [KeyBinding] = [
        KeyBinding([.enter, .right, .character("l")], .open,
                   label: { $0.jobsScreen?.opened == nil ? "chunks of the job" : "items of the batch" },
                   disabled: { state in
                       guard let jobs = state.jobsScreen else { return "not on the Jobs screen" }
                       return jobs.openRefusal
                   }),
        KeyBinding([.escape, .left, .character("h"), .character("J")], .back,
                   label: { $0.jobsScreen?.opened == nil ? "back" : "back to the jobs" }),
    ] + Keymap.movement + [Keymap.wheelUp, Keymap.wheelDown]
}
