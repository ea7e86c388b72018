/// Everything a scan found, as one value: reporters render only from this, so a saved JSON
/// report can be rendered again without the cluster or the checks.
public struct Report: Sendable, Codable, Equatable {
    public static let currentSchemaVersion = "1.0"

    public var schemaVersion: String
    public var tool: ToolInfo
    public var scan: ScanInfo
    public var scope: Scope
    public var population: Population
    public var checks: [CheckInfo]
    public var results: [CheckResult]
    public var diagnostics: [Diagnostic]
    public var unreadable: [UnreadableKind]

    public init(tool: ToolInfo, scan: ScanInfo, scope: Scope, population: Population, checks: [CheckInfo],
                results: [CheckResult], diagnostics: [Diagnostic], unreadable: [UnreadableKind]) {
        schemaVersion = Report.currentSchemaVersion
        self.tool = tool
        self.scan = scan
        self.scope = scope
        self.population = population
        self.checks = checks.sorted { $0.id < $1.id }
        self.results = results.sorted()
        self.diagnostics = diagnostics
        self.unreadable = unreadable
    }

    public var summary: Summary { Summary(results) }

    /// The scan could not see everything it needed: some results are indeterminate.
    public var isIncomplete: Bool { !unreadable.isEmpty || results.contains { $0.status == .indeterminate } }

    public func check(_ id: String) -> CheckInfo? { checks.first { $0.id == id } }

    /// The severity a result carries: its own, or its check's.
    public func severity(of result: CheckResult) -> Severity { result.severity ?? check(result.checkID)?.severity ?? .medium }
}

public struct ToolInfo: Sendable, Codable, Equatable {
    public var name: String
    public var version: String

    public init(name: String = "bulkhead", version: String) {
        self.name = name
        self.version = version
    }
}

public struct ScanInfo: Sendable, Codable, Equatable {
    /// What was scanned: `manifests`, `demo`, `snapshot` or `live`.
    public var inputKind: String
    /// Files, directories or the API server that was read.
    public var inputs: [String]
    /// RFC 3339 timestamps; fixed by SOURCE_DATE_EPOCH for reproducible reports.
    public var startedAt: String
    public var finishedAt: String
    public var model: ModelOptions
    /// The model's choices in words, as every report states them.
    public var modelStatements: [String]

    public init(inputKind: String, inputs: [String], startedAt: String, finishedAt: String, model: ModelOptions) {
        self.inputKind = inputKind
        self.inputs = inputs
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.model = model
        modelStatements = model.statements
    }
}

public struct ExcludedNamespace: Sendable, Codable, Equatable, Comparable {
    public var name: String
    public var reason: String

    public init(name: String, reason: String) {
        self.name = name
        self.reason = reason
    }

    public static func < (a: ExcludedNamespace, b: ExcludedNamespace) -> Bool { a.name < b.name }
}

public struct Scope: Sendable, Codable, Equatable {
    public var namespaces: [String]
    public var excluded: [ExcludedNamespace]
    /// Namespaces no Namespace object declared; created because objects reference them.
    public var implied: [String]

    public init(namespaces: [String], excluded: [ExcludedNamespace], implied: [String]) {
        self.namespaces = namespaces.sorted()
        self.excluded = excluded.sorted()
        self.implied = implied.sorted()
    }
}

public struct Population: Sendable, Codable, Equatable {
    public var namespaces: Int
    public var pods: Int
    public var workloads: Int
    public var services: Int
    public var networkPolicies: Int
    /// Objects of other kinds, which Bulkhead counts and ignores.
    public var ignoredKinds: [String: Int]

    public init(namespaces: Int, pods: Int, workloads: Int, services: Int, networkPolicies: Int, ignoredKinds: [String: Int]) {
        self.namespaces = namespaces
        self.pods = pods
        self.workloads = workloads
        self.services = services
        self.networkPolicies = networkPolicies
        self.ignoredKinds = ignoredKinds
    }
}

public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, low, medium, high, critical

    public var rank: Int { Severity.allCases.firstIndex(of: self)! }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A check's metadata as reports need it.
public struct CheckInfo: Sendable, Codable, Equatable {
    public var id: String
    public var slug: String
    public var title: String
    public var severity: Severity
    public var subject: SubjectKind
    public var rationale: String
    public var remediation: String

    public init(id: String, slug: String, title: String, severity: Severity, subject: SubjectKind, rationale: String,
                remediation: String) {
        self.id = id
        self.slug = slug
        self.title = title
        self.severity = severity
        self.subject = subject
        self.rationale = rationale
        self.remediation = remediation
    }
}

public enum SubjectKind: String, Sendable, Codable {
    case cluster, namespace, workload, policy
}

public struct Subject: Sendable, Codable, Hashable, Comparable, CustomStringConvertible {
    public var kind: SubjectKind
    public var namespace: String?
    public var name: String

    public init(kind: SubjectKind, namespace: String? = nil, name: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    public static func namespace(_ name: String) -> Subject { Subject(kind: .namespace, name: name) }

    public var description: String {
        if let namespace { return "\(namespace)/\(name)" }
        return name
    }

    public static func < (a: Subject, b: Subject) -> Bool {
        (a.namespace ?? a.name, a.name, a.kind.rawValue) < (b.namespace ?? b.name, b.name, b.kind.rawValue)
    }
}

public enum ResultStatus: String, Sendable, Codable, CaseIterable {
    case pass, fail
    case notApplicable = "not-applicable"
    case indeterminate
}

/// One place where a subject breaks a check.
public struct Violation: Sendable, Codable, Hashable {
    public var message: String
    public var object: ObjectRef?
    /// e.g. `spec.ingress[0].from[1]`
    public var fieldPath: String?
    public var source: SourceLocation?
    public var related: [ObjectRef]

    public init(message: String, object: ObjectRef? = nil, fieldPath: String? = nil, source: SourceLocation? = nil,
                related: [ObjectRef] = []) {
        self.message = message
        self.object = object
        self.fieldPath = fieldPath
        self.source = source
        self.related = related
    }
}

public struct CheckResult: Sendable, Codable, Equatable, Comparable {
    public var checkID: String
    public var subject: Subject
    public var status: ResultStatus
    /// One line: why it passed, failed, does not apply or could not be decided.
    public var message: String
    public var violations: [Violation]
    /// Evidence for a pass: the objects that satisfy the check.
    public var evidence: [ObjectRef]
    /// Concrete remediation for this subject (YAML), when the check can write one.
    public var remediation: String?
    /// Set when this result is more (or less) severe than the check's default, e.g. a rule open
    /// to the internet on pods a LoadBalancer exposes.
    public var severity: Severity?

    public init(checkID: String, subject: Subject, status: ResultStatus, message: String, violations: [Violation] = [],
                evidence: [ObjectRef] = [], remediation: String? = nil, severity: Severity? = nil) {
        self.checkID = checkID
        self.subject = subject
        self.status = status
        self.message = message
        self.violations = violations
        self.evidence = evidence
        self.remediation = remediation
        self.severity = severity
    }

    public static func < (a: CheckResult, b: CheckResult) -> Bool {
        a.checkID != b.checkID ? a.checkID < b.checkID : a.subject < b.subject
    }
}

public struct Summary: Sendable, Codable, Equatable {
    public var total: Int
    public var passed: Int
    public var failed: Int
    public var notApplicable: Int
    public var indeterminate: Int

    public init(_ results: [CheckResult]) {
        total = results.count
        passed = results.count { $0.status == .pass }
        failed = results.count { $0.status == .fail }
        notApplicable = results.count { $0.status == .notApplicable }
        indeterminate = results.count { $0.status == .indeterminate }
    }
}
