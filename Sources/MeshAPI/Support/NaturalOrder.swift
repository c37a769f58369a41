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
}
