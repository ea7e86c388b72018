import ArgumentParser
import BulkheadCore
import BulkheadScanner
import Foundation
import Reporters

struct ConnectivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connectivity",
        abstract: "Print who can reach whom, on which protocols and ports."
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Output format: txt, json, csv, md or dot.")
    var format: MapFormat = .txt

    @Option(help: "Endpoints: workloads (ns/name[Kind]) or pods (ns/name[Pod]).")
    var endpoints: EndpointGranularity = .workloads

    @Option(help: "Only lines whose source matches (ns/name, ns/*, or an endpoint as printed).")
    var from: String?

    @Option(help: "Only lines whose destination matches (ns/name, ns/*, or an endpoint as printed).")
    var to: String?

    @Option(name: [.customShort("n"), .long], help: "Only lines with an end in this namespace.")
    var namespace: String?

    func run() throws {
        let loaded = try runLoading(input)
        let engine = PolicyEngine(cluster: loaded.state, options: input.modelOptions)
        var map = ConnectivityMap.compute(engine, granularity: endpoints)
        map.entries = map.entries.filter { entry in
            (from.map { EndpointFilter($0).matches(entry.source) } ?? true)
                && (to.map { EndpointFilter($0).matches(entry.destination) } ?? true)
                && (namespace.map { entry.source.namespace == $0 || entry.destination.namespace == $0 } ?? true)
        }
        print(MapRenderer.render(map, format: format), terminator: "")
        if !loaded.errors.isEmpty || !loaded.state.unreadable.isEmpty { throw ExitCode(Exit.incomplete) }
    }
}

extension EndpointGranularity: ExpressibleByArgument {}

/// Loads input and prints load errors to stderr, mapping path errors to exit code 2.
func runLoading(_ input: InputOptions, defaultNamespace: String? = nil, quiet: Bool = false, keepSnapshot: Bool = false) throws -> InputOptions.Loaded {
    do {
        let loaded = try input.load(defaultNamespaceOverride: defaultNamespace, quiet: quiet, keepSnapshot: keepSnapshot)
        for error in loaded.errors { FileHandle.standardError.write(Data("error: \(error)\n".utf8)) }
        return loaded
    } catch let error as CLIError {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw ExitCode(Exit.inputError)
    }
}

/// `ns/name`, `ns/*`, `ns/name[Kind]` or a bare name.
struct EndpointFilter {
    var pattern: String
    init(_ pattern: String) { self.pattern = pattern }

    func matches(_ endpoint: MapEndpoint) -> Bool {
        let text = endpoint.description
        if text == pattern { return true }
        let bare = text.split(separator: "[").first.map(String.init) ?? text
        if bare == pattern { return true }
        if pattern.hasSuffix("/*") { return endpoint.namespace == String(pattern.dropLast(2)) }
        return false
    }
}
