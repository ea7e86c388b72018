import BulkheadCore

/// A manifest that shows a check's verdict, run by the generic example test.
public struct CheckExample: Sendable {
    public var name: String
    public var manifest: String
    /// A `.bulkhead.yaml` the example needs (intent assertions, options), if any.
    public var configuration: String?
    /// Where the example's objects are taken to come from (a live cluster knows every object).
    public var source: InputSource
    /// The verdict expected for each named subject (`payments`, `shop/web`).
    public var expect: [String: ResultStatus]

    public init(_ name: String, manifest: String, configuration: String? = nil, source: InputSource = .manifests,
                expect: [String: ResultStatus]) {
        self.name = name
        self.manifest = manifest
        self.configuration = configuration
        self.source = source
        self.expect = expect
    }
}

/// What a check is, independent of any cluster: the source of its docs, reports and profiles.
public struct CheckMetadata: Sendable {
    /// Stable, never reused: `NP-0001`.
    public var id: String
    /// A readable alias: `namespace-without-policy`.
    public var slug: String
    /// The compliant condition.
    public var title: String
    public var severity: Severity
    public var subject: SubjectKind
    public var rationale: String
    /// Prose and YAML.
    public var remediation: String
    /// The kinds whose absence makes the check's results indeterminate.
    public var needs: [String]
    /// Options the configuration may set for this check (`checks.options.<ID>`), with what each means.
    public var options: [String: String] = [:]
    public var compliant: [CheckExample]
    public var violating: [CheckExample]

    public var info: CheckInfo {
        CheckInfo(id: id, slug: slug, title: title, severity: severity, subject: subject, rationale: rationale,
                  remediation: remediation)
    }
}

/// What a check may look at: the whole cluster state, the engine, and the scope.
public struct CheckContext: Sendable {
    public let engine: PolicyEngine
    public var cluster: ClusterState { engine.cluster }
    /// The namespaces in scope, sorted.
    public let namespaces: [String]
    public var configuration: Configuration
    let namespaceSelections: NamespaceSelections
    /// Workloads in scope, in stable order: grouped once, since several checks walk them.
    let workloads: [WorkloadGroup]

    public init(engine: PolicyEngine, namespaces: [String], configuration: Configuration = Configuration()) {
        self.engine = engine
        self.namespaces = namespaces
        self.configuration = configuration
        namespaceSelections = NamespaceSelections(engine.cluster, wellKnown: Self.wellKnownNamespaces)
        workloads = WorkloadGroup.inScope(engine.cluster, namespaces: namespaces)
    }

    public func option(_ check: String, _ name: String) -> Value? { configuration.checkOptions[check]?[name] }
}

public protocol Check: Sendable {
    var metadata: CheckMetadata { get }
    /// One result per subject in scope: passes too, so a report shows coverage.
    func evaluate(_ context: CheckContext) -> [CheckResult]
}

extension Check {
    func result(_ subject: Subject, _ status: ResultStatus, _ message: String, violations: [Violation] = [],
                evidence: [ObjectRef] = [], remediation: String? = nil, severity: Severity? = nil) -> CheckResult {
        CheckResult(checkID: metadata.id, subject: subject, status: status, message: message, violations: violations,
                    evidence: evidence, remediation: remediation, severity: severity)
    }

    /// Pass when nothing was found, fail with the violations otherwise.
    func verdict(_ subject: Subject, _ violations: [Violation], pass: String, fail: String,
                 evidence: [ObjectRef] = [], remediation: String? = nil, severity: Severity? = nil) -> CheckResult {
        violations.isEmpty
            ? result(subject, .pass, pass, evidence: evidence)
            : result(subject, .fail, fail, violations: violations, remediation: remediation, severity: severity)
    }
}
