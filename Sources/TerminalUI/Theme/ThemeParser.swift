import Dashboard
import TOMLKit

/// Reads a theme's TOML text. One table per `StyleRole` (`[statusFailed]`) with `fg`, `bg`,
/// `bold`, `underline`, `reverse`; roles left out look plain. Unknown roles and bad values are errors,
/// so a typo is reported instead of silently ignored.
public enum ThemeParser {
    public static func parse(_ text: String, name: String) throws(ThemeParseError) -> ColorTheme {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ThemeParseError("line \(error.source.begin.line): \(error.description)")
        } catch {
            throw ThemeParseError("not TOML: \(error)")
        }
        var styles: [StyleRole: RoleStyle] = [:]
        for key in table.keys {
            guard let role = StyleRole(rawValue: key) else {
                throw ThemeParseError("unknown role [\(key)]; roles are \(StyleRole.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let entry = table[key]?.table else {
                throw ThemeParseError("[\(key)] must be a table with fg, bg, bold, underline, reverse")
            }
            styles[role] = try style(entry, role: key)
        }
        return ColorTheme(name: name, styles: styles)
    }

    private static func style(_ entry: TOMLTable, role: String) throws(ThemeParseError) -> RoleStyle {
        var style = RoleStyle()
        for key in entry.keys {
            let value = entry[key]
            switch key {
            case "fg", "bg":
                guard let text = value?.string, let color = ThemeColor(parsing: text) else {
                    throw ThemeParseError("[\(role)] \(key) must be \"default\", an ANSI colour name, 0-255 or \"#RRGGBB\"")
                }
                if key == "fg" { style.foreground = color } else { style.background = color }
            case "bold", "underline", "reverse":
                guard let flag = value?.bool else { throw ThemeParseError("[\(role)] \(key) must be true or false") }
                switch key {
                case "bold": style.bold = flag
                case "underline": style.underline = flag
                default: style.reverse = flag
                }
            default:
                throw ThemeParseError("[\(role)] unknown key \(key)")
            }
        }
        return style
    }
}
