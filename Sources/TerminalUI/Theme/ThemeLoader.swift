import Foundation
import MeshAPI

/// Finds themes by name: the user's `$XDG_CONFIG_HOME/meshtop/themes/NAME.toml` first (so a user can
/// override a built-in one), then the built-in themes embedded in the binary. A file that cannot be
/// read or parsed gives the default theme plus a warning naming the file and the problem.
public struct ThemeLoader: Sendable {
    public var userDirectory: URL?

    /// Usage: `ThemeLoader().load("dark")`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        userDirectory = URL(fileURLWithPath: XDGFolder.config.path(environment: environment)).appendingPathComponent("themes")
    }

    public init(userDirectory: URL?) {
        self.userDirectory = userDirectory
    }

    /// Built-in names first (in their cycling order), then the user's extra themes, sorted.
    public var availableNames: [String] {
        var names = BuiltinThemes.names
        if let userDirectory,
           let files = try? FileManager.default.contentsOfDirectory(atPath: userDirectory.path) {
            let extra = files.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }
                .filter { !names.contains($0) }.sorted()
            names += extra
        }
        return names
    }

    /// The theme called `name`, or the default with a warning that says what went wrong.
    public func load(_ name: String) -> ThemeLoadResult {
        if let userDirectory {
            let file = userDirectory.appendingPathComponent("\(name).toml")
            if FileManager.default.fileExists(atPath: file.path) {
                do {
                    let text = try String(contentsOf: file, encoding: .utf8)
                    return ThemeLoadResult(theme: try ThemeParser.parse(text, name: name))
                } catch let error as ThemeParseError {
                    return fallback("theme \(file.path): \(error.description); using default")
                } catch {
                    return fallback("theme \(file.path): cannot read (\(error.localizedDescription)); using default")
                }
            }
        }
        if let source = BuiltinThemes.sources[name], let theme = try? ThemeParser.parse(source, name: name) {
            return ThemeLoadResult(theme: theme)
        }
        return fallback("theme \"\(name)\" not found (have: \(availableNames.joined(separator: ", "))); using default")
    }

    /// The built-in default theme, which is known to parse.
    public static var defaultTheme: ColorTheme {
        (try? ThemeParser.parse(BuiltinThemes.sources["default"] ?? "", name: "default"))
            ?? ColorTheme(name: "default", styles: [:])
    }

    private func fallback(_ warning: String) -> ThemeLoadResult {
        ThemeLoadResult(theme: Self.defaultTheme, warning: warning)
    }
}
