import Foundation
@testable import MeshConfig
import Testing

/// Where the key comes from: profiles in config.toml, the environment, and their order.
/// A class so each test's key file goes with it (Swift Testing makes an instance per test).
@Suite final class MeshConfigTests {
    private let keyFile = NSTemporaryDirectory() + "meshtop-key-\(UUID().uuidString)"

    deinit { try? FileManager.default.removeItem(atPath: keyFile) }

    static let toml = """
        default_profile = "work"
        theme = "solarized"
        unknown_setting = 1

        [profiles.work]
        base_url = "https://work.example"
        key = "rsk_workworkworkworkworkwork12"

        [profiles.file]
        key_file = "KEYFILE"

        [profiles.command]
        base_url = "http://127.0.0.1:1"
        key_command = "printf 'rsk_fromcommandfromcommand1\\n'"

        [profiles.failing]
        key_command = "echo rsk_secretsecretsecret00; exit 3"

        [profiles.two]
        key = "a"
        key_file = "b"
        """

    func resolver(environment: [String: String] = [:]) throws -> ConnectionResolver {
        try "rsk_fromfilefromfilefromfile1\n".write(toFile: keyFile, atomically: true, encoding: .utf8)
        // A key file others can read is refused, as ssh refuses such a private key.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyFile)
        let config = try ConfigFile.parse(Self.toml.replacingOccurrences(of: "KEYFILE", with: keyFile))
        return ConnectionResolver(environment: environment, config: config)
    }

    @Test func parsesProfilesThemeAndDefault() throws {
        let config = try ConfigFile.parse(Self.toml)
        #expect(config.profileNames == ["command", "failing", "file", "two", "work"])
        #expect(config.theme == "solarized")
        #expect(config.defaultProfile == "work")
    }

    @Test func orderIsFlagThenEnvironmentThenDefaultProfile() throws {
        let withEnv = try resolver(environment: ["MESH_API_KEY": "rsk_envenvenvenvenvenvenvenv12"])
        #expect(try withEnv.resolve().apiKey == "rsk_envenvenvenvenvenvenvenv12")
        #expect(try withEnv.resolve().baseURL == "https://api.meshapi.ai")
        #expect(try withEnv.resolve(profile: "work").baseURL == "https://work.example")
        let withoutEnv = try resolver()
        #expect(try withoutEnv.resolve().profile == "work")
        #expect(try withoutEnv.resolve(profile: "work", baseURLOverride: "http://x").baseURL == "http://x")
        let envBase = try resolver(environment: ["MESH_API_KEY": "k", "MESH_API_BASE_URL": "http://local:1"])
        #expect(try envBase.resolve().baseURL == "http://local:1")
    }

    @Test func keyFileAndKeyCommandAreTrimmed() throws {
        let resolver = try resolver()
        #expect(try resolver.resolve(profile: "file").apiKey == "rsk_fromfilefromfilefromfile1")
        #expect(try resolver.resolve(profile: "command").apiKey == "rsk_fromcommandfromcommand1")
    }

    @Test func errorsNeverShowTheKey() throws {
        let resolver = try resolver()
        let failing = #expect(throws: ConfigError.self) { try resolver.resolve(profile: "failing") }
        #expect(failing?.message.contains("status 3") == true)
        #expect(failing?.message.contains("rsk_") == false)
        let two = #expect(throws: ConfigError.self) { try resolver.resolve(profile: "two") }
        #expect(two?.message.contains("exactly one") == true)
        let unknown = #expect(throws: ConfigError.self) { try resolver.resolve(profile: "nope") }
        #expect(unknown?.message.contains("known: command, failing, file, two, work") == true)
        #expect(!String(describing: try resolver.resolve(profile: "work")).contains("rsk_"))
    }

    @Test func badTOMLNamesThePosition() {
        let error = #expect(throws: ConfigError.self) { try ConfigFile.parse("[profiles.x\nkey = 1") }
        #expect(error?.message.contains("line") == true)
    }

    @Test func unknownKeysAreWarningsThatNameTheLine() throws {
        let config = try ConfigFile.parse("""
            default_profile = "w"
            thme = "dark"

            [profiles.w]
            kye = "rsk_typo"
            key = "rsk_wwwwwwwwwwwwwwwwwwwwwwwwww"
            """, path: "/home/u/.config/meshtop/config.toml")
        #expect(config.warnings.count == 2)
        #expect(config.warnings.contains { $0.hasPrefix("/home/u/.config/meshtop/config.toml:2: unknown key thme") })
        #expect(config.warnings.contains { $0.hasPrefix("/home/u/.config/meshtop/config.toml:5: unknown key profiles.w.kye") })
        // The typo'd key's value may be a key: never quoted back.
        #expect(!config.warnings.joined().contains("rsk_typo"))
        #expect(config.profiles["w"]?.key == "rsk_wwwwwwwwwwwwwwwwwwwwwwwwww")
    }

    @Test func aValueOfTheWrongTypeIsAnErrorThatNamesTheLine() throws {
        #expect(throws: ConfigError("config.toml:2: theme must be a string (in quotes)")) {
            try ConfigFile.parse("default_profile = \"w\"\ntheme = 3\n")
        }
        #expect(throws: ConfigError("config.toml:3: profiles.w.key must be a string (in quotes)")) {
            try ConfigFile.parse("[profiles.w]\nbase_url = \"http://x\"\nkey = 12345678\n")
        }
        #expect(throws: ConfigError("config.toml:1: profiles must be a table of [profiles.NAME] tables")) {
            try ConfigFile.parse("profiles = \"work\"\n")
        }
    }

    @Test func aBaseURLThatCannotWorkIsRefusedNamingWhereItCameFrom() throws {
        let key = "rsk_envenvenvenvenvenvenvenvenv"
        func refusal(_ environment: [String: String], override: String? = nil, profile: String? = nil) -> String? {
            do {
                _ = try resolver(environment: environment).resolve(profile: profile, baseURLOverride: override)
                return nil
            } catch let error as ConfigError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
        let noScheme = refusal(["MESH_API_KEY": key, "MESH_API_BASE_URL": "localhost:8080"])
        #expect(noScheme?.contains("\"localhost:8080\" (from MESH_API_BASE_URL)") == true, "\(noScheme ?? "accepted")")
        let ftp = refusal(["MESH_API_KEY": key], override: "ftp://example.com")
        #expect(ftp?.contains("(from --base-url)") == true && ftp?.contains("http:// or https://") == true, "\(ftp ?? "accepted")")
        let noHost = refusal(["MESH_API_KEY": key], override: "http://")
        #expect(noHost?.contains("no host") == true, "\(noHost ?? "accepted")")
        #expect(refusal(["MESH_API_KEY": key], override: "http://127.0.0.1:8080") == nil)
        #expect(refusal([:], profile: "work") == nil)
        // Read by hand (not URLComponents): the shapes it must still accept and refuse.
        for good in ["https://api.mesh.example", "HTTP://localhost:8080/v1/", "http://user@[::1]:9/", "https://a.example/mesh%20api"] {
            #expect(ConnectionResolver.baseURLProblem(good) == nil, "\(good)")
        }
        let bad = ["http://:8080": "no host", "https://[]:1": "no host", "http://a.example/?x=1": "query or fragment",
                   "https://a.example#top": "query or fragment", "http://a b.example": "not a valid URL",
                   "https://exämple.com": "not a valid URL", "1http://x": "not a valid URL", "://x": "not a valid URL",
                   "file:///etc/passwd": "http:// or https://", "example.com": "needs a scheme"]
        for (text, words) in bad {
            let problem = ConnectionResolver.baseURLProblem(text)
            #expect(problem?.contains(words) == true, "\(text): \(problem ?? "accepted")")
        }
    }

    @Test func theKeysSourceIsNamedNeverTheKey() throws {
        let fromEnvironment = try resolver(environment: ["MESH_API_KEY": "rsk_envenvenvenvenvenvenvenvenv"]).resolve()
        // The test file has a default_profile, which MESH_API_KEY beats: said, so nobody wonders.
        #expect(fromEnvironment.keySource == "MESH_API_KEY (set, so it wins over default_profile work)")
        #expect(fromEnvironment.baseURLSource == "the default")
        let fromCommand = try resolver().resolve(profile: "command")
        #expect(fromCommand.keySource == "--profile command (key_command)" && fromCommand.baseURLSource == "profile command")
        let fromFile = try resolver().resolve(profile: "file")
        #expect(fromFile.keySource == "--profile file (key_file)")
        #expect(try resolver().resolve(profile: "work").keySource == "--profile work (key)")
        #expect(try resolver().resolve().keySource == "default_profile work (key)")
    }
}
