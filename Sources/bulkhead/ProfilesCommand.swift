import ArgumentParser
import BulkheadCore
import BulkheadScanner
import Checks
import Foundation

/// Profile selection shared by the commands that report on compliance.
struct ProfileOptions: ParsableArguments {
    @Option(name: .customLong("profile"), help: "A built-in profile ID or a profile file (repeatable; default: every built-in profile).")
    var profiles: [String] = []

    static var knownChecks: Set<String> { Set(Catalogue.all.map(\.metadata.id)) }

    func resolve() throws -> [Profile] {
        let builtIn = try ProfileLoader.builtIn(knownChecks: Self.knownChecks)
        if profiles.isEmpty { return builtIn }
        var chosen: [Profile] = []
        for name in profiles {
            if let profile = builtIn.first(where: { $0.id == name }) {
                chosen.append(profile)
            } else if FileManager.default.fileExists(atPath: name) {
                chosen.append(try ProfileLoader.load(path: name, knownChecks: Self.knownChecks))
            } else {
                throw CLIError.usage("Unknown profile '\(name)': not a built-in ID (\(builtIn.map(\.id).joined(separator: ", "))) nor a file.")
            }
        }
        var ids: Set<String> = []
        for p in chosen where !ids.insert(p.id).inserted { throw CLIError.usage("Profile \(p.id) is selected twice.") }
        return chosen
    }
}

struct ProfilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles",
        abstract: "List the built-in compliance profiles, or show one profile's controls."
    )

    @Argument(help: "A profile ID, or a profile file to validate and show.")
    var profile: String?

    func run() throws {
        let builtIn: [Profile]
        do {
            builtIn = try ProfileLoader.builtIn(knownChecks: ProfileOptions.knownChecks)
            guard let name = profile else {
                for p in builtIn {
                    print("\(p.id.padding(toLength: 18, withPad: " ", startingAt: 0)) \(p.framework) \(p.frameworkVersion) (mapping v\(p.mappingVersion), \(p.controls.count) controls)")
                }
                return
            }
            let chosen = try builtIn.first { $0.id == name } ?? ProfileLoader.load(path: name, knownChecks: ProfileOptions.knownChecks)
            print("\(chosen.id): \(chosen.framework) \(chosen.frameworkVersion), mapping v\(chosen.mappingVersion)\n\(chosen.description)\n")
            for note in chosen.notes { print("Note: \(note)") }
            for c in chosen.controls {
                print("\n\(c.id)  \(c.title)")
                print(c.manual ? "  manual: \(c.audit ?? "")" : "  proven by: \(c.checks.joined(separator: ", "))")
            }
        } catch let error as ProfileLoader.ProfileError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(Exit.inputError)
        }
    }
}
