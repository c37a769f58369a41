import ArgumentParser

/// `meshtop batches ...`: the scripting commands.
struct BatchesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batches",
        abstract: "Scripting commands for batches: list, get, create, cancel, results, wait.",
        discussion: """
            The key comes from MESH_API_KEY (server: MESH_API_BASE_URL, default https://api.meshapi.ai), \
            or from a profile in $XDG_CONFIG_HOME/meshtop/config.toml chosen with --profile NAME or \
            default_profile:

              default_profile = "work"
              [profiles.work]
              base_url = "https://api.meshapi.ai"
              key_command = "pass show mesh/work"
              # or: key = "rsk_...", or: key_file = "~/.mesh-key"

            Exit codes:
              0  success
              1  API error (the message shows the error code and the request id)
              2  usage error: bad flags, bad input file, no key configured
              3  network error: no connection, timeout, or a create with no answer
              4-7  `wait` only: 4 failed, 5 expired, 6 cancelled, 7 --timeout passed first
              8  `cancel` only: the answer to its prompt was no

            Example:
              export MESH_API_KEY=rsk_...
              id=$(meshtop batches create requests.jsonl --metadata project=q2)
              meshtop batches wait "$id" &&
                meshtop batches results "$id" --jsonl > results.jsonl
            """,
        subcommands: [
            BatchesListCommand.self, BatchesGetCommand.self, BatchesCreateCommand.self,
            BatchesCancelCommand.self, BatchesResultsCommand.self, BatchesWaitCommand.self, BatchesRetryCommand.self,
        ]
    )
}
