import ArgumentParser
import BulkheadCore
import BulkheadScanner

/// Where the cluster state comes from; shared by every command that reads one.
struct InputOptions: ParsableArguments {
    @Argument(help: "Manifest files or directories (recursive), or - for standard input.")
    var paths: [String] = []

    @Flag(help: "Scan the demo cluster built into the binary.")
    var demo = false

    @Option(name: .customLong("default-namespace"), help: "Namespace for objects that name none.")
    var defaultNamespace = "default"

    @Flag(help: "Fail on the first document that cannot be read instead of reading the rest.")
    var strict = false

    @Flag(help: "Let ipBlock peers match pods whose IP lies inside the block (the conformance model).")
    var ipblockMatchesPodIps = false

    @Flag(help: "Let podSelector and namespaceSelector select hostNetwork pods like other pods.")
    var hostNetworkPodsSelectable = false

    @Flag(help: "Treat pods in phase Succeeded or Failed, and pods without an IP, as endpoints.")
    var inactivePodsAreEndpoints = false

    var modelOptions: ModelOptions {
        ModelOptions(ipBlockMatchesPodIPs: ipblockMatchesPodIps, hostNetworkPodsSelectable: hostNetworkPodsSelectable,
                     inactivePodsAreEndpoints: inactivePodsAreEndpoints)
    }

    func validate() throws {
        if demo && !paths.isEmpty { throw ValidationError("Give either --demo or paths, not both.") }
        if !demo && paths.isEmpty { throw ValidationError("Give manifest paths (or - for standard input), or --demo.") }
    }

    /// What was loaded and how to describe it in reports.
    struct Loaded {
        var state: ClusterState
        var inputKind: String
        var inputs: [String]
        var errors: [LoadError]
        var digests: [FileDigest]
    }

    func load(defaultNamespaceOverride: String? = nil) throws -> Loaded {
        let loader = ManifestLoader(defaultNamespace: defaultNamespaceOverride ?? defaultNamespace)
        let result: LoadResult
        if demo {
            result = DemoCluster.load()
        } else {
            do {
                result = try loader.load(paths: paths)
            } catch let error as ManifestLoader.PathError {
                throw CLIError.input(error.description)
            }
        }
        if strict, !result.errors.isEmpty {
            throw CLIError.input(result.errors.map(\.description).joined(separator: "\n"))
        }
        return Loaded(state: result.clusterState(options: modelOptions), inputKind: demo ? "demo" : "manifests",
                      inputs: demo ? ["(built-in demo cluster)"] : paths, errors: result.errors, digests: result.digests)
    }
}

enum CLIError: Error, CustomStringConvertible {
    case input(String)
    case usage(String)

    var description: String {
        switch self {
        case let .input(message), let .usage(message): return message
        }
    }
}

/// The exit-code contract (README): 0 clean, 1 failing results, 2 usage or input error, 3 incomplete.
enum Exit {
    static let clean: Int32 = 0
    static let findings: Int32 = 1
    static let inputError: Int32 = 2
    static let incomplete: Int32 = 3
}
