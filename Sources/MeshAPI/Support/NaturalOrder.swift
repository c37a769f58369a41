/// Orders strings as people count: runs of digits compare by value, so `doc-2` comes before
/// `doc-10` (plain string order puts `doc-10` first). Ties in value (`07` and `7`) fall back to
/// plain order so the result is total and stable.
public enum NaturalOrder {
    public static func precedes(_ a: String, _ b: String) -> Bool {
        var left = Array(a.unicodeScalars)[...]
        var right = Array(b.unicodeScalars)[...]
        while let l = left.first, let r = right.first {
            if l.properties.numericType == .decimal, r.properties.numericType == .decimal,
               l.isASCII, r.isASCII {
                let leftDigits = left.prefix { $0.isASCII && $0.properties.numericType == .decimal }
                let rightDigits = right.prefix { $0.isASCII && $0.properties.numericType == .decimal }
                left = left.dropFirst(leftDigits.count)
                right = right.dropFirst(rightDigits.count)
                // Compare by value without converting (a run can be longer than Int holds).
                let leftValue = leftDigits.drop { $0 == "0" }
                let rightValue = rightDigits.drop { $0 == "0" }
                if leftValue.count != rightValue.count { return leftValue.count < rightValue.count }
                if !leftValue.elementsEqual(rightValue) { return String(String.UnicodeScalarView(leftValue)) < String(String.UnicodeScalarView(rightValue)) }
                continue
            }
            if l != r { return l.value < r.value }
            left = left.dropFirst()
            right = right.dropFirst()
        }
        if left.isEmpty != right.isEmpty { return left.isEmpty }
        return a < b
    }

    /// A string cut once into runs of text and of digits, for sorting many strings: comparing keys
    /// orders as `precedes` does, without cutting the strings again on every comparison.
    public struct Key: Comparable, Sendable {
        enum Run: Equatable, Sendable {
            case text([UInt32])
            /// Digits without leading zeros.
            case number([UInt8])
        }
        let runs: [Run]
        let original: String

        public init(_ text: String) {
            original = text
            // ASCII digits are exactly the scalars `precedes` reads as digits (ASCII and decimal).
            func isDigit(_ value: UInt32) -> Bool { value >= 0x30 && value <= 0x39 }
            var runs: [Run] = []
            var scalars = text.unicodeScalars.map(\.value)[...]
            while let first = scalars.first {
                if isDigit(first) {
                    let digits = scalars.prefix(while: isDigit)
                    scalars = scalars.dropFirst(digits.count)
                    runs.append(.number(digits.drop { $0 == 0x30 }.map { UInt8($0) }))
                } else {
                    let letters = scalars.prefix { !isDigit($0) }
                    scalars = scalars.dropFirst(letters.count)
                    runs.append(.text(Array(letters)))
                }
            }
            self.runs = runs
        }

        public static func < (lhs: Key, rhs: Key) -> Bool {
            for (l, r) in zip(lhs.runs, rhs.runs) where l != r {
                switch (l, r) {
                case (.number(let a), .number(let b)):
                    if a.count != b.count { return a.count < b.count }
                    return a.lexicographicallyPrecedes(b)
                case (.text(let a), .text(let b)):
                    for (x, y) in zip(a, b) where x != y { return x < y }
                    // One run is a prefix of the other: what follows decides; rare, so the slow way.
                    return NaturalOrder.precedes(lhs.original, rhs.original)
                case (.number, .text), (.text, .number):
                    return NaturalOrder.precedes(lhs.original, rhs.original)
                }
            }
            if lhs.runs.count != rhs.runs.count { return lhs.runs.count < rhs.runs.count }
            return lhs.original < rhs.original
        }

        public static func == (lhs: Key, rhs: Key) -> Bool { lhs.original == rhs.original }

    }
}
