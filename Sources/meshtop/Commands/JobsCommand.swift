import ArgumentParser

/// `meshtop jobs ...`: any number of requests through the 10-slot quota.
struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "Run any number of requests through the 10-batch quota: split, queued, retried, resumed.",
        discussion: """
            A job takes a JSONL file of any size (lines may name different models), groups it by model, \
            cuts it into batches of --batch-size, sends each when the owner has a slot free (teammates' \
            batches count), retries the items that failed for a passing reason, and merges everything into \
            one result per input line. Its journal ($XDG_STATE_HOME/meshtop/jobs.sqlite) holds the requests \
            themselves, so `resume` continues after Ctrl-C, kill -9 or a reboot without the file, and never \
            sends a batch twice. Connection options are those of `batches` (--profile, --base-url, MESH_API_KEY).

            Exit codes (run, resume, retry, cancel):
              0    every item succeeded
              1    API error, or the job stopped: a create was refused (a wrong key, an unknown model); fix and `resume`
              2    usage error: bad flags, a bad input file (nothing was sent), a journal meshtop cannot use
              3    network error (list, show and results never need the network; run rides it out)
              4    the job finished, and some items failed for good (`jobs results JOB --failed`)
              5    the job was cancelled
              6    another process is driving the job (the message says which and since when)
              7    the journal could not be written (a full disk): nothing is lost; free space, then `resume`
              130  interrupted (Ctrl-C): batches already sent keep running; `resume` continues

            Example:
              JOB=$(meshtop jobs run prompts.jsonl --name q2 | head -1)
              meshtop jobs results "$JOB" --jsonl --out results.jsonl
            """,
        subcommands: [
            JobsRunCommand.self, JobsResumeCommand.self, JobsListCommand.self, JobsShowCommand.self,
            JobsResultsCommand.self, JobsCancelCommand.self, JobsRetryCommand.self,
        ]
    )
}
