import ArgumentParser

@main
struct Bulkhead: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "bulkhead",
        abstract: "Kubernetes NetworkPolicy compliance scanner.",
        discussion: """
        Exit codes: 0 no failing results; 1 failing results; 2 usage or input error; \
        3 scan incomplete (something could not be read, so some results are indeterminate).
        """,
        version: version,
        subcommands: [ScanCommand.self, ConnectivityCommand.self, ExplainCommand.self],
        defaultSubcommand: nil
    )
}
