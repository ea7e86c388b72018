import ArgumentParser
import BulkheadCore
import BulkheadScanner
import Foundation
import Reporters

/// Where the cluster state comes from; shared by every command that reads one: manifest
/// paths, the built-in demo, a saved snapshot, or (with none of those) the live cluster of
/// the kubeconfig context or of the pod bulkhead runs in.
struct InputOptions: ParsableArguments {
    @Argument(help: "Manifest files or directories (recursive), or - for standard input. None: scan the live cluster.")
    var paths: [String] = []

    @Flag(help: "Scan the demo cluster built into the binary.")
    var demo = false

    @Option(help: "Scan a snapshot saved by `bulkhead snapshot` instead of the live cluster.")
    var snapshot: String?

    @Option(help: "The kubeconfig to use (default: KUBECONFIG, then ~/.kube/config).")
    var kubeconfig: String?

    @Option(help: "The kubeconfig context to use (default: current-context).")
    var context: String?

    @Flag(help: "Use the pod's service account (automatic when KUBERNETES_SERVICE_HOST is set and no kubeconfig exists).")
    var inCluster = false

    @Option(name: .customLong("default-namespace"), help: "Namespace for objects that name none.")
    var defaultNamespace = "default"

    @Flag(help: "Also scan the system namespaces (kube-system, kube-public, kube-node-lease).")
    var includeSystemNamespaces = false

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

    var isLive: Bool { !demo && snapshot == nil && paths.isEmpty }

    func validate() throws {
        let sources = [demo, snapshot != nil, !paths.isEmpty].filter { $0 }.count
        if sources > 1 { throw ValidationError("Give one input: manifest paths, --demo or --snapshot (or none of them for the live cluster).") }
        if !isLive && (kubeconfig != nil || context != nil || inCluster) {
            throw ValidationError("--kubeconfig, --context and --in-cluster apply to live scans only.")
        }
    }

    /// What was loaded and how to describe it in reports.
    struct Loaded {
        var state: ClusterState
        var inputKind: String
        var inputs: [String]
        var errors: [LoadError]
        var digests: [FileDigest]
        var identity: ClusterIdentity
        /// For live scans: the snapshot of what was fetched.
        var snapshot: SnapshotDocument?
    }

    /// `keepSnapshot`: a live scan also keeps what it fetched as the snapshot's JSON (to save it).
    func load(defaultNamespaceOverride: String? = nil, quiet: Bool = false, keepSnapshot: Bool = false) throws -> Loaded {
        let loader = ManifestLoader(defaultNamespace: defaultNamespaceOverride ?? defaultNamespace)
        var result: LoadResult
        var kind = "manifests", inputs = paths, identity = ClusterIdentity()
        var snapshotValue: SnapshotDocument?
        if demo {
            result = DemoCluster.load()
            kind = "demo"
            inputs = ["(built-in demo cluster)"]
        } else if let snapshot {
            do {
                let read = try Snapshot.read(path: snapshot)
                result = read.load
                identity = read.identity
                kind = "snapshot"
                inputs = [snapshot]
            } catch let error as Snapshot.SnapshotError {
                throw CLIError.input(error.description)
            }
        } else if paths.isEmpty {
            let live = try fetchLive(quiet: quiet, keepSnapshot: keepSnapshot)
            result = live.load
            identity = live.identity
            snapshotValue = live.snapshot
            kind = "live"
            inputs = [live.identity.server ?? "cluster"]
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
        return Loaded(state: result.clusterState(options: modelOptions, source: InputSource(rawValue: kind) ?? .manifests), inputKind: kind, inputs: inputs, errors: result.errors,
                      digests: result.digests, identity: identity, snapshot: snapshotValue)
    }

    func fetchLive(quiet: Bool, keepSnapshot: Bool) throws -> LiveResult {
        let connection: ClusterConnection
        do {
            connection = try ClusterConnection.make(.init(kubeconfig: kubeconfig, context: context, inCluster: inCluster))
        } catch let error as ClusterConnection.ConnectionError {
            throw CLIError.input(error.message)
        }
        if connection.identity.insecureSkipTLSVerify {
            FileHandle.standardError.write(Data("WARNING: insecure-skip-tls-verify is set for this cluster: the API server's identity is NOT verified, and every report says so.\n".utf8))
        }
        let fetcher = ClusterFetcher(connection: connection)
        fetcher.keepsSnapshot = keepSnapshot
        if !quiet && isatty(2) == 1 {
            fetcher.progress = { line in FileHandle.standardError.write(Data("\r\u{1B}[Kfetching \(line)".utf8)) }
        }
        let live = fetcher.fetch(identity: connection.identity)
        if fetcher.progress != nil { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        if !quiet {
            let objects = live.load.objects
            FileHandle.standardError.write(Data(("Fetched \(objects.namespaces.count) namespaces, \(objects.pods.count) pods, \(objects.workloads.count) workloads, "
                + "\(objects.services.count) services, \(objects.policies.count) NetworkPolicies from \(connection.identity.server ?? "the cluster") "
                + "(\(live.stats.requests) requests\(live.stats.retries > 0 ? ", \(live.stats.retries) retried" : ""))\n").utf8))
        }
        return live
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
