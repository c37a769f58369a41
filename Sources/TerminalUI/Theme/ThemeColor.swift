import Foundation

/// A colour as a theme file spells it: the terminal's own colour (`"default"`), one of the eight
/// ANSI names (`"red"`, `"bright-blue"`), a palette index (`"208"`), or `"#RRGGBB"`.
public enum ThemeColor: Hashable, Sendable {
    case terminalDefault
    case index(Int)
    case rgb(red: Int, green: Int, blue: Int)

    static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses a theme value; nil when the text is none of the accepted spellings.
    public init?(parsing text: String) {
        let value = text.trimmingCharacters(in: .whitespaces).lowercased()
        if value == "default" || value.isEmpty {
            self = .terminalDefault
        } else if let index = Self.ansiNames.firstIndex(of: value) {
            self = .index(index)
        } else if value.hasPrefix("bright-"), let index = Self.ansiNames.firstIndex(of: String(value.dropFirst(7))) {
            self = .index(index + 8)
        } else if let number = Int(value), (0...255).contains(number) {
            self = .index(number)
        } else if value.hasPrefix("#"), value.count == 7, let packed = Int(value.dropFirst(), radix: 16) {
            self = .rgb(red: (packed >> 16) & 0xFF, green: (packed >> 8) & 0xFF, blue: packed & 0xFF)
        } else {
            return nil
        }
    }
}

