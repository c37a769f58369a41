import MeshAPI

/// Whoever answers a batch's items for `BatchRunner`: the simulated provider or a real upstream.
/// The runner owns the lifecycle (validation, cancel, expiry, counts); a worker only turns one
/// item into its result.
protocol ItemWorker: Sendable {
    /// Seconds (on the stand-in's clock) a batch spends in `validating` before its items start.
    var validatingSeconds: Double { get }
    /// Seconds a batch spends in `finalizing` after its last item.
    var finalizingSeconds: Double { get }
    /// The slots `item` must hold while it runs (the ones of the upstream it goes to), or nil for
    /// no shared limit.
    func slots(for item: PendingItem, of batch: Batch) -> ItemSlots?
    /// Answers one item, or nil when it never ran: its upstream was down until `stillWanted` said
    /// the batch no longer wants it (cancelled, or past its window), so it stays pending and ends
    /// as the batch does. Throws only when the task is cancelled (the server is stopping): the item
    /// then stays pending in the store and runs again after a restart.
    func work(_ item: PendingItem, of batch: Batch, expiresAt: Double, stillWanted: @escaping @Sendable () async -> Bool)
        async throws -> WorkedItem?
}

extension ItemWorker {
    func slots(for item: PendingItem, of batch: Batch) -> ItemSlots? { nil }
}
