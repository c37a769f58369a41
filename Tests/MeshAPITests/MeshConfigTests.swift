import Foundation
import MeshConfig
import Testing

/// Where the key comes from: profiles in config.toml, the environment, and their order.
@Suite struct MeshConfigTests {
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
        let keyFile = NSTemporaryDirectory() + "meshtop-key-\(UUID().uuidString)"
        try "rsk_fromfilefromfilefromfile1\n".write(toFile: keyFile, atomically: true, encoding: .utf8)
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
}
