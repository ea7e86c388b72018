import ArgumentParser
import BulkheadCore
import BulkheadScanner
import Checks
import Foundation

/// `--config FILE`, or `.bulkhead.yaml` in the working directory when present; for `--demo`,
/// the demo's own configuration.
struct ConfigOptions: ParsableArguments {
    @Option(help: "Configuration file (default: .bulkhead.yaml when present; see docs/configuration.md).")
    var config: String?

    @Flag(help: "Ignore waivers declared as annotations (bulkhead.dev/waive): for auditors.")
    var noAnnotationWaivers = false

    static var knownChecks: ConfigLoader.KnownChecks {
        ConfigLoader.KnownChecks(
            ids: Set(Catalogue.all.map(\.metadata.id)),
            slugs: Dictionary(uniqueKeysWithValues: Catalogue.all.map { ($0.metadata.slug, $0.metadata.id) }),
            options: Dictionary(uniqueKeysWithValues: Catalogue.all.map { ($0.metadata.id, Set($0.metadata.options.keys)) }))
    }

    func load(demo: Bool) throws -> Configuration {
        var configuration: Configuration
        do {
            if let config {
                configuration = try ConfigLoader.load(path: config, checks: Self.knownChecks)
            } else if demo {
                configuration = try ConfigLoader.load(text: DemoCluster.configuration, name: "examples/bulkhead-demo.yaml", checks: Self.knownChecks)
            } else if FileManager.default.fileExists(atPath: ConfigLoader.defaultFileName) {
                configuration = try ConfigLoader.load(path: ConfigLoader.defaultFileName, checks: Self.knownChecks)
            } else {
                configuration = Configuration()
            }
        } catch let error as ConfigLoader.ConfigError {
            throw CLIError.input("configuration: \(error)")
        }
        if noAnnotationWaivers { configuration.annotationWaivers = false }
        return configuration
    }
}

extension Severity: ExpressibleByArgument {}
