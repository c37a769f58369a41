import Foundation
import MeshAPI

/// Decides where the key and base URL come from, in this order:
/// 1. `--profile NAME`: that profile (an error if it does not exist);
/// 2. `MESH_API_KEY` (with `MESH_API_BASE_URL`, default https://api.meshapi.ai);
/// 3. the config file's `default_profile`.
/// An explicit flag beats the environment, and the environment beats the file's default, as with
/// most CLIs (aws, gh), so a one-off `MESH_API_KEY=... meshtop` works without editing the file.
/// A `--base-url` override applies last, whichever source gave the key.
public struct ConnectionResolver: Sendable {
    public var environment: [String: String]
    public var config: ConfigFile
    /// False: a profile's `key_command` is not run; the connection says where the key would come
    /// from and holds no key (`meshtop config` without `--run-key-command`).
    public var runsKeyCommand = true
    /// How long `key_command` may take: `KeyCommandRunner.defaultTimeout`, or MESHTOP_KEY_COMMAND_TIMEOUT
    /// seconds.
    public var keyCommandTimeout: Duration

    public init(environment: [String: String], config: ConfigFile) {
        self.environment = environment
        self.config = config
        let seconds = environment["MESHTOP_KEY_COMMAND_TIMEOUT"].flatMap(Double.init).flatMap { $0 > 0 && $0 <= 3600 ? $0 : nil }
        keyCommandTimeout = seconds.map { .milliseconds(Int64($0 * 1000)) } ?? KeyCommandRunner.defaultTimeout
    }

    /// Reads the config file named by the environment.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ConnectionResolver {
        ConnectionResolver(environment: environment, config: try ConfigFile.load(environment: environment))
    }

    public func resolve(profile: String? = nil, baseURLOverride: String? = nil) throws -> ResolvedConnection {
        var connection: ResolvedConnection
        if let profile {
            connection = try resolveProfile(profile, chosenBy: "--profile")
        } else if let key = environment["MESH_API_KEY"], !key.isEmpty {
            let base = environment["MESH_API_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
            // Said wherever the key's source is named: a default_profile the user may expect is set aside.
            let source = config.defaultProfile.map { "MESH_API_KEY (set, so it wins over default_profile \($0))" } ?? "MESH_API_KEY"
            connection = ResolvedConnection(
                baseURL: base ?? MeshClientConfiguration.defaultBaseURL, apiKey: key, profile: nil, keySource: source,
                baseURLSource: base == nil ? "the default" : "MESH_API_BASE_URL")
        } else if let name = config.defaultProfile {
            connection = try resolveProfile(name, chosenBy: "default_profile")
        } else {
            throw ConfigError("no API key: set MESH_API_KEY, or add a profile to \(ConfigFile.defaultPath(environment: environment)) and pass --profile NAME or set default_profile; or try `meshtop --demo`, which needs no account")
        }
        if let baseURLOverride {
            connection.baseURL = baseURLOverride
            connection.baseURLSource = "--base-url"
        }
        try Self.checkBaseURL(connection.baseURL, source: connection.baseURLSource)
        return connection
    }

    /// A base URL the client can use: http or https, with a host. Checked before any request, so
    /// a typo is a usage error that names the value and where it came from, not a network error.
    ///
    /// Read by hand rather than with `URLComponents`: parsing a host there loads and initialises
    /// ICU, a cost every start of the dashboard paid before its first request. What is accepted is
    /// RFC 3986's characters only; the client's own URL parsing still reads the value after this.
    static func checkBaseURL(_ text: String, source: String) throws {
        if let problem = baseURLProblem(text) {
            throw ConfigError("base URL \"\(text)\" (from \(source)) is not usable: \(problem)")
        }
    }

    /// What makes `text` unusable as a base URL, or nil.
    static func baseURLProblem(_ text: String) -> String? {
        guard let separator = text.range(of: "://") else {
            return "it needs a scheme: http:// or https://"
        }
        let scheme = text[..<separator.lowerBound]
        let rest = text[separator.upperBound...]
        // RFC 3986: a letter, then letters, digits, "+", "-" or ".".
        let schemeIsWellFormed = scheme.unicodeScalars.first.map(Self.isASCIILetter) == true
            && scheme.unicodeScalars.allSatisfy { Self.isASCIILetter($0) || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0) }
        guard schemeIsWellFormed, rest.unicodeScalars.allSatisfy(Self.isURLCharacter) else {
            return "it is not a valid URL"
        }
        let lowered = scheme.lowercased()
        if lowered != "http" && lowered != "https" { return "it must start with http:// or https://" }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        // The host is what is left of the authority without "user@" and ":port" ("[v6]:port" keeps its brackets).
        var host = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
        if host.hasPrefix("[") {
            host = host.prefix { $0 != "]" }.dropFirst()
        } else if let colon = host.lastIndex(of: ":") {
            host = host[..<colon]
        }
        if host.isEmpty { return "it has no host" }
        if rest.contains("?") || rest.contains("#") { return "it must not have a query or fragment" }
        return nil
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    /// RFC 3986's unreserved, reserved and percent characters: anything else (a space, a quote,
    /// a non-ASCII letter) is not in a URL as written.
    private static func isURLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": return true
        default: return "-._~:/?#[]@!$&'()*+,;=%".unicodeScalars.contains(scalar)
        }
    }

    /// `chosenBy` is how the profile was picked ("--profile", "default_profile"): the key's source
    /// reads "--profile work (key_command)", so a message says both which profile and why.
    private func resolveProfile(_ name: String, chosenBy: String) throws -> ResolvedConnection {
        guard let profile = config.profiles[name] else {
            let known = config.profileNames
            throw ConfigError("no profile named \"\(name)\"" + (known.isEmpty ? "" : " (known: \(known.joined(separator: ", ")))"))
        }
        let sources = [profile.key, profile.keyFile, profile.keyCommand].compactMap { $0 }
        guard sources.count == 1 else {
            throw ConfigError("profile \"\(name)\" must set exactly one of key, key_file, key_command")
        }
        let base = profile.baseURL ?? MeshClientConfiguration.defaultBaseURL
        let keyField = profile.key != nil ? "key" : profile.keyFile != nil ? "key_file" : "key_command"
        let baseURLSource = profile.baseURL == nil ? "the default" : "profile \(name)"
        let key: String
        if let value = profile.key {
            key = value
        } else if let file = profile.keyFile {
            key = try readKeyFile(expandTilde(file), profile: name)
        } else {
            let command = profile.keyCommand ?? ""
            // Whoever can change the file chooses what runs as the user.
            if let exposure = config.exposure, exposure.writableByOthers {
                let path = config.path ?? "config.toml"
                throw ConfigError("profile \"\(name)\": key_command not run: \(path) can be changed by other users (mode \(exposure.modeText)), so they would choose what runs as you; chmod go-w \(path)")
            }
            guard runsKeyCommand else {
                return ResolvedConnection(baseURL: base, apiKey: "", profile: name,
                                          keySource: "\(chosenBy) \(name) (key_command, not run)",
                                          baseURLSource: baseURLSource)
            }
            key = try runKeyCommand(command, profile: name)
        }
        let trimmed = key.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ConfigError("profile \"\(name)\": the key is empty") }
        return ResolvedConnection(baseURL: base, apiKey: trimmed, profile: name, keySource: "\(chosenBy) \(name) (\(keyField))",
                                  baseURLSource: baseURLSource)
    }

    private func expandTilde(_ path: String) -> String {
        guard path.hasPrefix("~/") else { return path }
        return (environment["HOME"] ?? NSHomeDirectory()) + path.dropFirst()
    }

    /// The key file's text. Refused, as ssh refuses such a private key, when anyone but its owner
    /// can read or change it.
    private func readKeyFile(_ path: String, profile: String) throws -> String {
        if let exposure = FileExposure(path: path), exposure.readableByOthers || exposure.writableByOthers {
            throw ConfigError("profile \"\(profile)\": key_file \(path) can be read or changed by other users (mode \(exposure.modeText)); chmod 600 \(path)")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigError("profile \"\(profile)\": cannot read key_file \(path)")
        }
        return text
    }

    /// Runs `key_command` (`KeyCommandRunner`: a timeout, and killed with everything it started).
    /// Its output is the key, so it is never echoed, even when the command fails; only how it ended.
    private func runKeyCommand(_ command: String, profile: String) throws -> String {
        do {
            let data = try KeyCommandRunner(timeout: keyCommandTimeout).run(command, environment: environment)
            return String(decoding: data, as: UTF8.self)
        } catch {
            let seconds = keyCommandTimeout.components.seconds
            switch error {
            case .cannotStart: throw ConfigError("profile \"\(profile)\": cannot run key_command")
            case .exited(let status): throw ConfigError("profile \"\(profile)\": key_command exited with status \(status)")
            case .killedBySignal(let signo): throw ConfigError("profile \"\(profile)\": key_command was killed by signal \(signo)")
            case .timedOut:
                throw ConfigError("profile \"\(profile)\": key_command did not finish in \(seconds) s and was stopped (it and everything it started); is it waiting for a prompt?")
            }
        }
    }
}
