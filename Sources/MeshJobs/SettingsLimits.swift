/// The quota arithmetic, in one place.
enum SettingsLimits {
    /// The owner's live batches this job sends up to: 10 less the reserve.
    static func ownerCap(_ settings: JobSettings) -> Int { JobSettings.ownerLimit - settings.reserve }
}
