import Foundation
import MeshConfig
import Testing

/// `key_command` runs a command as the user: from a file others can change it is refused; it has a
/// timeout, after which it and everything it started are killed; meshtop ending by a signal ends it
/// too; and `meshtop config` does not run it unless asked. Key files and configs others can read
/// are refused or warned about.
@Suite(.serialized) struct KeyCommandSafetyTests {
    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "meshtop-keycmd-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A config file at `folder/meshtop/config.toml` with `mode`; answers its XDG_CONFIG_HOME.
    static func config(_ toml: String, in folder: String, mode: Int) throws -> String {
        try FileManager.default.createDirectory(atPath: folder + "/meshtop", withIntermediateDirectories: true)
        let path = folder + "/meshtop/config.toml"
        try toml.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return folder
    }

    /// Whether process `pid` still runs (a zombie waiting for its parent does not).
    static func alive(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        let state = stat.split(separator: ")").last?.split(separator: " ").first
        return state != "Z" && state != "X"
    }

    static func waitForFile(_ path: String) async throws -> String {
        for _ in 0..<200 {
            if let text = try? String(contentsOfFile: path, encoding: .utf8), text.hasSuffix("\n") { return text }
            try await Task.sleep(for: .milliseconds(25))
        }
        Issue.record("\(path) never appeared")
        return ""
    }

    @Test(.timeLimit(.minutes(1)))
    func aHungKeyCommandIsStoppedWithEverythingItStarted() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pidFile = folder + "/child"
        let config = try ConfigFile.parse("""
            [profiles.hung]
            key_command = "sleep 300 & echo $! > '\(pidFile)'; wait"
            """)
        let resolver = ConnectionResolver(environment: ["PATH": "/usr/bin:/bin", "MESHTOP_KEY_COMMAND_TIMEOUT": "1"], config: config)
        let error = #expect(throws: ConfigError.self) { try resolver.resolve(profile: "hung") }
        #expect(error?.message.contains("did not finish in 1 s and was stopped") == true, "\(String(describing: error))")
        let child = try #require(pid_t(try await Self.waitForFile(pidFile).trimmingCharacters(in: .whitespacesAndNewlines)))
        // SIGKILL was sent to the group; give the kernel its moment to end it.
        for _ in 0..<100 where Self.alive(child) { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!Self.alive(child), "the command's own child was left running")
        if Self.alive(child) { kill(child, SIGKILL) }
    }

    /// A command that prints the key and leaves a child holding its output open is not waited for
    /// until the timeout: the key is taken when the shell is done, and the child is ended.
    @Test(.timeLimit(.minutes(1)))
    func aKeyIsTakenWhenTheShellIsDoneAndItsLeftoversEnded() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = try ConfigFile.parse("""
            [profiles.leftover]
            key_command = "echo rsk_leftoverleftoverleftover1; sleep 300 &"
            """)
        let resolver = ConnectionResolver(environment: ["PATH": "/usr/bin:/bin", "MESHTOP_KEY_COMMAND_TIMEOUT": "30"], config: config)
        let clock = ContinuousClock()
        let start = clock.now
        #expect(try resolver.resolve(profile: "leftover").apiKey == "rsk_leftoverleftoverleftover1")
        // Not a timing assertion on the machine's speed: the timeout is 30 s, so this only says it was not reached.
        #expect(clock.now - start < .seconds(25))
    }

    @Test func aConfigOthersCanChangeRunsNoKeyCommand() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let marker = folder + "/ran"
        let home = try Self.config("""
            [profiles.p]
            key_command = "touch '\(marker)'; echo rsk_pppppppppppppppppppppppppp"
            """, in: folder, mode: 0o666)
        let environment = ["XDG_CONFIG_HOME": home, "PATH": "/usr/bin:/bin"]
        let resolver = try ConnectionResolver.fromEnvironment(environment)
        #expect(resolver.config.warnings.contains { $0.contains("can be changed by other users (mode 0666)") }, "\(resolver.config.warnings)")
        let error = #expect(throws: ConfigError.self) { try resolver.resolve(profile: "p") }
        #expect(error?.message.contains("key_command not run") == true && error?.message.contains("chmod go-w") == true,
                "\(String(describing: error))")
        #expect(!FileManager.default.fileExists(atPath: marker), "the command ran")
        // The same file, private: it runs.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: home + "/meshtop/config.toml")
        #expect(try ConnectionResolver.fromEnvironment(environment).resolve(profile: "p").apiKey == "rsk_pppppppppppppppppppppppppp")
    }

    @Test func keyFilesOthersCanReadAreRefusedAndReadableKeysWarned() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let keyFile = folder + "/key"
        try "rsk_filefilefilefilefilefile12\n".write(toFile: keyFile, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyFile)
        let home = try Self.config("""
            [profiles.file]
            key_file = "\(keyFile)"
            [profiles.inline]
            key = "rsk_inlineinlineinlineinline12"
            """, in: folder, mode: 0o644)
        let resolver = try ConnectionResolver.fromEnvironment(["XDG_CONFIG_HOME": home])
        let error = #expect(throws: ConfigError.self) { try resolver.resolve(profile: "file") }
        #expect(error?.message.contains("can be read or changed by other users (mode 0644); chmod 600") == true, "\(String(describing: error))")
        #expect(error?.message.contains("rsk_") == false)
        #expect(resolver.config.warnings.contains { $0.contains("can be read by other users (mode 0644) and holds the key of profile inline") },
                "\(resolver.config.warnings)")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyFile)
        #expect(try resolver.resolve(profile: "file").apiKey == "rsk_filefilefilefilefilefile12")
    }

    /// `meshtop config` says where the key comes from without running key_command; `--run-key-command` runs it.
    @Test func configRunsTheKeyCommandOnlyWhenAsked() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let marker = folder + "/ran"
        let home = try Self.config("""
            default_profile = "p"
            [profiles.p]
            base_url = "http://127.0.0.1:9"
            key_command = "touch '\(marker)'; echo rsk_pppppppppppppppppppppppppp"
            """, in: folder, mode: 0o600)
        let shown = try await MeshtopBinary.run(["config"], environment: ["XDG_CONFIG_HOME": home])
        #expect(shown.code == 0 && shown.stdout.contains("default_profile p (key_command, not run)"), "\(shown)")
        #expect(!FileManager.default.fileExists(atPath: marker))
        let ran = try await MeshtopBinary.run(["config", "--run-key-command"], environment: ["XDG_CONFIG_HOME": home])
        #expect(ran.code == 0 && ran.stdout.contains("default_profile p (key_command)\n"), "\(ran)")
        #expect(FileManager.default.fileExists(atPath: marker))
        #expect(!ran.stdout.contains("rsk_") && !shown.stdout.contains("rsk_"))
    }

    /// meshtop ended by SIGTERM while its key_command hangs: the command and its children end too.
    @Test(.timeLimit(.minutes(1)))
    func endingMeshtopEndsItsKeyCommand() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pidFile = folder + "/child"
        let home = try Self.config("""
            [profiles.hung]
            key_command = "sleep 300 & echo $! > '\(pidFile)'; wait"
            """, in: folder, mode: 0o600)
        // Spawned with SIGTERM at its default: this test process ignores it (the in-process stand-in's
        // ServiceGroup does), and an ignored signal is inherited, as with nohup.
        let meshtop = try MeshtopBinary.requireBuilt()
        let pid = try Self.spawnWithDefaultSignals([meshtop, "batches", "list", "--profile", "hung"],
                                                   environment: ["XDG_CONFIG_HOME=\(home)", "PATH=/usr/bin:/bin", "HOME=\(folder)"])
        // Reaped here, or by Foundation's child reaper for the other tests' processes: either way
        // meshtop is seen to end through /proc, and its wait status is checked when this got it.
        let ended = Task.detached { () -> Int32? in
            var status: Int32 = 0
            while true {
                if waitpid(pid, &status, 0) == pid { return status }
                if errno != EINTR { return nil }
            }
        }
        let child = try #require(pid_t(try await Self.waitForFile(pidFile).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(Self.alive(child))
        kill(pid, SIGTERM)
        for _ in 0..<500 where Self.alive(pid) { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!Self.alive(pid), "meshtop did not end on SIGTERM")
        if Self.alive(pid) { kill(pid, SIGKILL) }
        if let status = await ended.value {
            #expect(status & 0x7F == SIGTERM, "meshtop ended with wait status \(status), not by SIGTERM")
        }
        // SIGKILL was sent to the group before meshtop died; give the kernel its moment to reap.
        for _ in 0..<100 where Self.alive(child) { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!Self.alive(child), "the key_command's child outlived meshtop")
        if Self.alive(child) { kill(child, SIGKILL) }
    }

    /// `arguments` run with SIGINT, SIGTERM and SIGHUP at their defaults and nothing blocked, stdout
    /// and stderr to /dev/null; answers the pid.
    static func spawnWithDefaultSignals(_ arguments: [String], environment: [String]) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signo in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, signo) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, arguments[0], &actions, &attributes, &argv, &envp)
        guard result == 0 else { throw POSIXError(.init(rawValue: result) ?? .EIO) }
        return pid
    }
}
