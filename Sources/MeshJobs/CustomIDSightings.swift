/// Which custom_ids of an input may have been seen already, in 8 to 16 bytes per id: a table of
/// 64-bit hashes of each id's UTF-8 bytes (its code points, as Mesh compares ids), not the ids.
///
/// A hash seen before is only a maybe: the caller asks the rows written so far whether the id is
/// really there, which tells a duplicate from a collision. The hasher is seeded per process, so an
/// input cannot be made to collide on purpose; by chance, among 200,000 ids, about once in 10^9 jobs.
/// This replaced a unique index on (job, custom_id) that only planning read and that cost a sixth
/// of checking and journaling a large file (an index entry per item, in one transaction).
///
/// Open addressing over the hashes themselves (they are already uniformly spread), rather than a
/// `Set`, which would hash each hash again: that second pass was a tenth of the check's own time.
struct CustomIDSightings {
    /// 0 marks an empty slot (a hash of 0 is stored as 1). A power of two, at most 3/4 full.
    private var slots = [UInt64](repeating: 0, count: 1 << 12)
    private var count = 0

    /// Records `customID`; false when its hash was seen before (maybe a duplicate).
    mutating func isFirstSighting(of customID: String) -> Bool {
        var hasher = Hasher()
        var id = customID
        id.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        let hash = UInt64(bitPattern: Int64(hasher.finalize()))
        return insert(hash == 0 ? 1 : hash)
    }

    private mutating func insert(_ hash: UInt64) -> Bool {
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index] != 0 {
            if slots[index] == hash { return false }
            index = (index + 1) & mask
        }
        slots[index] = hash
        count += 1
        return true
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        count = 0
        for hash in old where hash != 0 { _ = insert(hash) }
    }
}
