import ArgumentParser
import BulkheadCore
import BulkheadScanner
import Foundation
import Reporters

struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Save the live cluster state that a scan reads, as evidence (re-scan it with `bulkhead scan --snapshot FILE`).",
        discussion: "Exit codes: 0 saved and complete, 2 usage or connection error, 3 saved but something could not be read."
    )

    @OptionGroup var input: InputOptions

    @Option(name: [.short, .customLong("output")], help: "Where to write the snapshot (JSON).")
    var output: String

    @Flag(name: [.short, .long], help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard input.isLive else { throw ValidationError("snapshot reads the live cluster: give no paths, --demo or --snapshot.") }
    }

    func run() throws {
        let live: LiveResult
        do {
            live = try input.fetchLive(quiet: quiet, keepSnapshot: true)
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(Exit.inputError)
        }
        guard let snapshot = live.snapshot else { throw ExitCode(Exit.inputError) }
        let bytes = snapshot.bytes(fetchedAt: Clock.now()) + [0x0A]
        try AtomicFile.write(bytes, to: output)
        if !quiet { print("Wrote \(output) (SHA-256 \(ContentDigest.hex(bytes)))") }
        if !live.load.objects.unreadable.isEmpty {
            for u in live.load.objects.unreadable { FileHandle.standardError.write(Data("error: \(u.kind) could not be read: \(u.reason)\n".utf8)) }
            throw ExitCode(Exit.incomplete)
        }
    }
}
