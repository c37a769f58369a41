import Foundation

/// The process driving a job now (it holds the job's lease): shown by `jobs list` and the dashboard.
public struct JobDriver: Sendable, Hashable {
    public var pid: Int32
    public var since: Date

    public init(pid: Int32, since: Date) {
        self.pid = pid
        self.since = since
    }
}
