import Foundation
import Synchronization

/// Lowercase ULIDs (48-bit millisecond time + 80 random bits, Crockford base32). Monotonic within a
/// millisecond, so ids minted in quick succession still sort in creation order (list paging relies on it).
public enum ULID {
    private static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)
    private static let state = Mutex<(millis: UInt64, random: (UInt16, UInt64))>((0, (0, 0)))

    public static func make(now: Date = Date()) -> String {
        let millis = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        let (time, random) = state.withLock { s -> (UInt64, (UInt16, UInt64)) in
            if millis <= s.millis {
                // Same (or earlier) millisecond: bump the random part so order is kept.
                var (high, low) = s.random
                low &+= 1
                if low == 0 { high &+= 1 }
                s.random = (high, low)
            } else {
                s.millis = millis
                s.random = (UInt16.random(in: 0...UInt16.max), UInt64.random(in: 0...(UInt64.max >> 1)))
            }
            return (s.millis, s.random)
        }
        // 128 bits: time(48) | randomHigh(16) | randomLow(64), emitted as 26 base32 digits (130 bits).
        let hi = (time << 16) | UInt64(random.0)
        let lo = random.1
        var chars = [UInt8](repeating: 0, count: 26)
        for i in 0..<26 {
            let shift = 125 - i * 5  // bit offset from the least significant end of the 130-bit value
            let value: UInt64
            if shift >= 64 {
                value = (hi >> UInt64(shift - 64)) & 31
            } else if shift > 59 {
                value = ((hi << UInt64(64 - shift)) | (lo >> UInt64(shift))) & 31
            } else {
                value = (lo >> UInt64(shift)) & 31
            }
            chars[i] = alphabet[Int(value)]
        }
        return String(decoding: chars, as: UTF8.self)
    }
}
