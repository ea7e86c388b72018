import ArgumentParser
import Foundation

@main
struct Bulkhead: ParsableCommand {
    /// ArgumentParser exits 64 on usage errors; Bulkhead's contract says 2.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code == .success { print(message) } else { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            }
            if code == .validationFailure { Foundation.exit(Exit.inputError) }
            Foundation.exit(code.rawValue)
        }
    }

    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "bulkhead",
        abstract: "Kubernetes NetworkPolicy compliance scanner.",
        discussion: """
        Exit codes: 0 no failing results; 1 failing results; 2 usage or input error; \
        3 scan incomplete (something could not be read, so some results are indeterminate).
        """,
        version: version,
        subcommands: [ScanCommand.self, ConnectivityCommand.self, ExplainCommand.self, ChecksCommand.self, ProfilesCommand.self, SnapshotCommand.self, RemediateCommand.self],
        defaultSubcommand: nil
    )
}
