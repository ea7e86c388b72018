import BulkheadCore

/// Which namespaces a scan covers.
public struct ScopeOptions: Sendable {
    /// Out of scope unless named: they belong to the platform, not to tenants.
    public static let defaultSystemNamespaces = ["kube-node-lease", "kube-public", "kube-system"]

    public var systemNamespaces: [String]
    public var includeSystem: Bool

    public init(systemNamespaces: [String] = ScopeOptions.defaultSystemNamespaces, includeSystem: Bool = false) {
        self.systemNamespaces = systemNamespaces
        self.includeSystem = includeSystem
    }

    public func scope(for cluster: ClusterState) -> Scope {
        var included: [String] = []
        var excluded: [ExcludedNamespace] = []
        for name in cluster.sortedNamespaceNames {
            if !includeSystem && systemNamespaces.contains(name) {
                excluded.append(ExcludedNamespace(name: name, reason: "system namespace (out of scope by default)"))
            } else {
                included.append(name)
            }
        }
        let implied = cluster.namespaces.values.filter { !$0.declared }.map(\.name)
        return Scope(namespaces: included, excluded: excluded, implied: implied)
    }
}

/// From a cluster state to a report: scope, checks, and everything the reports must say.
public struct ScanPipeline: Sendable {
    public var model: ModelOptions
    public var scope: ScopeOptions
    public var runner: CheckRunner

    public init(model: ModelOptions = .standard, scope: ScopeOptions = ScopeOptions(), runner: CheckRunner = CheckRunner()) {
        self.model = model
        self.scope = scope
        self.runner = runner
    }

    public func run(_ cluster: ClusterState, tool: ToolInfo, inputKind: String, inputs: [String],
                    startedAt: String, finishedAt: String, profiles: [Profile] = [], identity: ClusterIdentity = ClusterIdentity(),
                    inputDigests: [FileDigest] = []) -> Report {
        let scope = scope.scope(for: cluster)
        let engine = PolicyEngine(cluster: cluster, options: model)
        let results = runner.run(CheckContext(engine: engine, namespaces: scope.namespaces))
        let population = Population(namespaces: cluster.namespaces.count, pods: cluster.pods.count,
                                    workloads: Set(cluster.pods.map(\.owner)).count, services: cluster.services.count,
                                    networkPolicies: cluster.policies.count, ignoredKinds: cluster.ignoredKinds)
        return Report(tool: tool,
                      scan: ScanInfo(inputKind: inputKind, inputs: inputs, startedAt: startedAt, finishedAt: finishedAt, model: model,
                                     cluster: identity, inputDigests: inputDigests),
                      scope: scope, population: population, checks: runner.checks.map(\.metadata.info), results: results,
                      profiles: profiles.map { ProfileResult.evaluate($0, results: results) },
                      diagnostics: cluster.diagnostics, unreadable: cluster.unreadable)
    }
}
