import ArgumentParser
import BulkheadCore

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scan", abstract: "Scan manifests or the demo cluster and write reports.")

    @OptionGroup var input: InputOptions

    func run() throws {
        _ = try runLoading(input)
    }
}
