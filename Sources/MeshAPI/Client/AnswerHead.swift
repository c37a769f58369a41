import Foundation

/// What an answer's head says besides its status: the server's request id and its clock.
struct AnswerHead: Sendable {
    var requestID: String?
    /// The `Date` header, parsed; nil when absent or not an IMF-fixdate.
    var serverDate: Date?
}
