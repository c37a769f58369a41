/// The `created_at` of each batch in `ListScreen.order`, in the same order (0 for none): part of the
/// order's cache, filled in the same step. The header's "today $x" reads it to count today's shown
/// batches without a dictionary lookup (and a copy of a `Batch`) per row: done per frame over
/// 10,000 batches, that lookup was three quarters of the frame (5.9 ms against the 1 ms budget).
///
/// It is a function of the order and the mirror at the moment the order was made, so it takes no
/// part in equality or hashing: two states with the same order are the same state. A state whose
/// order was set by other means (a test fixture) has none, and the reader falls back to lookups.
struct OrderCreationTimes: Hashable, Sendable {
    var values: [Int] = []

    static func == (lhs: Self, rhs: Self) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}
