import ArgumentParser
import Foundation
import MeshAPI

/// A command's failure: printed once to stderr, then the process exits with `exitCode`.
/// The exit codes are documented in `meshtop batches --help`.
enum CommandFailure: Error {
    case api(String)
    case usage(String)
    case network(String)
    /// Already reported; just exit with this code (used by `wait` for its final-status codes).
    case exit(Int32)

    /// `keySource` says where the key came from ("profile work (key_command)"), never the key: a
    /// refused key (401, 403) is a question of which key was sent.
    static func from(_ error: any Error, baseURL: String, keySource: String? = nil) -> any Error {
        switch error {
        case let failure as CommandFailure:
            return failure
        case let error as MeshError:
            switch error.kind {
            case .api where [401, 403].contains(error.status ?? 0) && keySource != nil:
                return CommandFailure.api("\(error.description) (the key sent came from \(keySource!))")
            case .api where error.status == 404 && endsInV1(baseURL):
                // meshtop adds /v1/batches itself: a base URL with its /v1 asks for /v1/v1/batches.
                return CommandFailure.api("\(error.description); the base URL \(baseURL) ends in /v1: give it without (meshtop adds /v1/batches)")
            case .api, .decoding: return CommandFailure.api(error.description)
            case .network where error.code == MeshError.connectionRefused:
                return CommandFailure.network("\(error.description) (\(baseURL)): nothing listens at that address; is the server running?")
            case .network, .timeout: return CommandFailure.network("\(error.description) (\(baseURL))")
            case .outcomeUnknown: return CommandFailure.network(error.description)
            }
        case is ExitCode, is CleanExit, is ValidationError, is CancellationError:
            return error
        default:
            return CommandFailure.api(String(describing: error))
        }
    }

    /// "http://host/v1" or "http://host/v1/": the Mesh base URL has no /v1 of its own.
    static func endsInV1(_ baseURL: String) -> Bool {
        var path = URLComponents(string: baseURL)?.path ?? ""
        while path.hasSuffix("/") { path.removeLast() }
        return path.lowercased().hasSuffix("/v1")
    }

    var exitCode: Int32 {
        switch self {
        case .api: return 1
        case .usage: return 2
        case .network: return 3
        case .exit(let code): return code
        }
    }

    var message: String? {
        switch self {
        case .api(let text), .usage(let text), .network(let text): return text
        case .exit: return nil
        }
    }

    /// Prints the message and converts to ArgumentParser's `ExitCode`.
    func report() -> ExitCode {
        // Escaped: the message quotes the server's error text, and ids and paths it was given.
        if let message { OutputTerminal.errorLine("error: \(message)") }
        return ExitCode(exitCode)
    }
}

extension CommandFailure {
    /// Prints `message` as an error and exits with this failure's code.
    func report(message: String) -> ExitCode {
        OutputTerminal.errorLine("error: \(message)")
        return ExitCode(exitCode)
    }
}
