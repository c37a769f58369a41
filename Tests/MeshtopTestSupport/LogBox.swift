import Synchronization

/// The request log shared by the route closures and the test (a `Mutex` cannot be copied).
final class LogBox: Sendable {
    public let log = Mutex<[FixtureServer.Seen]>([])
}
