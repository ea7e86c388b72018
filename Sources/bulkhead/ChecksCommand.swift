import ArgumentParser
import Checks
import Foundation
import Reporters

struct ChecksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks",
        abstract: "List the check catalogue, or show one check with its examples."
    )

    @Argument(help: "A check ID (NP-0001) or slug.")
    var check: String?

    @Option(name: .customLong("write-docs"), help: "Write the generated catalogue pages into this directory.")
    var docsDirectory: String?

    func run() throws {
        if let docsDirectory {
            for (name, content) in CheckDocs.files() {
                try AtomicFile.write(Array(content.utf8), to: (docsDirectory as NSString).appendingPathComponent(name))
            }
            return
        }
        guard let check else {
            print(CheckDocs.list(), terminator: "")
            return
        }
        guard let found = Catalogue.check(check) else {
            throw ValidationError("No check \(check). Run `bulkhead checks` for the list.")
        }
        print(CheckDocs.page(found.metadata), terminator: "")
    }
}
