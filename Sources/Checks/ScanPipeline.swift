import BulkheadCore

/// Which namespaces a scan covers.
public struct ScopeOptions: Sendable {
    public static let defaultSystemNamespaces = ["kube-node-lease", "kube-public", "kube-system"]

    public var config: Configuration.ScopeConfig

    public init(config: Configuration.ScopeConfig = Configuration.ScopeConfig()) {
        self.config = config
    }

    public init(includeSystem: Bool) {
        config = Configuration.ScopeConfig()
        config.includeSystemNamespaces = includeSystem
    }

    public func scope(for cluster: ClusterState) -> Scope {
        var included: [String] = []
        var excluded: [ExcludedNamespace] = []
        for name in cluster.sortedNamespaceNames {
            let labels = cluster.namespaceLabels(name)
            if !config.includeSystemNamespaces && config.systemNamespaces.contains(name) {
                excluded.append(ExcludedNamespace(name: name, reason: "system namespace (out of scope by default)"))
            } else if let pattern = config.excludeNamespaces.first(where: { Configuration.ScopeConfig.glob($0, matches: name) }) {
                excluded.append(ExcludedNamespace(name: name, reason: "excluded by the configuration (\(pattern))"))
            } else if !config.includeNamespaces.isEmpty && !config.includeNamespaces.contains(where: { Configuration.ScopeConfig.glob($0, matches: name) }) {
                excluded.append(ExcludedNamespace(name: name, reason: "not in the configuration's includeNamespaces"))
            } else if let selector = config.namespaceSelector, !selector.matches(labels) {
                excluded.append(ExcludedNamespace(name: name, reason: "labels do not match the configuration's namespaceSelector \(selector.description)"))
            } else {
                included.append(name)
            }
        }
        let implied = cluster.namespaces.values.filter { !$0.declared }.map(\.name)
        return Scope(namespaces: included, excluded: excluded, implied: implied)
    }
}

/// From a cluster state to a report: scope, checks, waivers, profiles, and everything the
/// reports must say.
public struct ScanPipeline: Sendable {
    public var model: ModelOptions
    public var configuration: Configuration

    public init(model: ModelOptions = .standard, configuration: Configuration = Configuration()) {
        self.model = model
        self.configuration = configuration
    }

    public init(model: ModelOptions = .standard, scope: ScopeOptions) {
        self.model = model
        configuration = Configuration()
        configuration.scope = scope.config
    }

    /// The checks the configuration enables, with severity overrides applied.
    public var checks: [any Check] {
        Catalogue.all.filter { check in
            let id = check.metadata.id
            return (configuration.enabledChecks.isEmpty || configuration.enabledChecks.contains(id)) && !configuration.disabledChecks.contains(id)
        }
    }

    public func run(_ cluster: ClusterState, tool: ToolInfo, inputKind: String, inputs: [String],
                    startedAt: String, finishedAt: String, profiles: [Profile] = [], identity: ClusterIdentity = ClusterIdentity(),
                    inputDigests: [FileDigest] = []) -> Report {
        let scope = ScopeOptions(config: configuration.scope).scope(for: cluster)
        let engine = PolicyEngine(cluster: cluster, options: model)
        let checks = self.checks
        var results = CheckRunner(checks: checks).run(CheckContext(engine: engine, namespaces: scope.namespaces, configuration: configuration))

        var waivers = configuration.waivers
        var invalid: [WaiverRecord] = []
        var diagnostics = cluster.diagnostics
        if configuration.annotationWaivers {
            let annotated = Waivers.fromAnnotations(cluster)
            waivers += annotated.waivers
            invalid = annotated.invalid
        }
        let applied = Waivers.apply(waivers, to: results, today: String(startedAt.prefix(10)))
        results = applied.results
        for w in applied.register where w.state != .active {
            diagnostics.append(Diagnostic(.warning, w.state == .unused ? "waiver \(w.id) (\(w.source)) matches no failing result"
                                                                        : "waiver \(w.id) (\(w.source)) expired on \(w.expires): its findings fail again"))
        }
        for w in invalid {
            diagnostics.append(Diagnostic(.warning, "waiver annotation on \(w.source) is ignored: it needs \(Waivers.reasonAnnotation) and \(Waivers.expiresAnnotation) (YYYY-MM-DD)"))
        }

        let population = Population(namespaces: cluster.namespaces.count, pods: cluster.pods.count,
                                    workloads: Set(cluster.pods.map(\.owner)).count, services: cluster.services.count,
                                    networkPolicies: cluster.policies.count, ignoredKinds: cluster.ignoredKinds)
        let infos = checks.map { check -> CheckInfo in
            var info = check.metadata.info
            if let s = configuration.severityOverrides[info.id] { info.severity = s }
            return info
        }
        var identity = identity
        if identity.cni == nil { identity.cni = CNIDetection.detect(cluster).summary }
        if !cluster.foreignPolicies.isEmpty {
            diagnostics.append(Diagnostic(.warning, "\(cluster.foreignPolicies.count) Cilium or Calico policies were read for coverage; their rules are not modelled, so the connectivity map and intent assertions do not account for them"))
        }
        let tally = CheckTally(results)
        var report = Report(tool: tool,
                            scan: ScanInfo(inputKind: inputKind, inputs: inputs, startedAt: startedAt, finishedAt: finishedAt, model: model,
                                           cluster: identity, inputDigests: inputDigests),
                            scope: scope, population: population, checks: infos, results: results,
                            profiles: profiles.map { ProfileResult.evaluate($0, tally: tally) },
                            diagnostics: diagnostics.sorted(), unreadable: cluster.unreadable)
        report.waivers = (applied.register + invalid).sorted { $0.id < $1.id }
        report.failOn = configuration.failOn
        return report
    }
}
