/// The walk through the list's pages: the cursors asked for so far and the pages read, across
/// rounds when the page cap made it go on in the next one. A cursor handed out twice ends it.
public struct ListWalk: Hashable, Sendable {
    public var cursors: Set<String> = []
    public var pages = 0
    /// Where the walk goes on in the next round, when this round's page cap stopped it.
    public var resumeAfter: String?
    /// Every page of the list has been walked once; later rounds read only new pages.
    public var fullyLoaded = false
    /// Why the list may be incomplete (a cursor repeated, too many pages, or still loading while
    /// `resumeAfter` is set), for the header.
    public var incomplete: String?

    public init() {}
}
