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
    /// Every control of every selected profile, with its status.
    public var profiles: [ProfileResult]
    /// Every waiver declared (config and annotations), with what it matched.
    public var waivers: [WaiverRecord] = []
    /// The comparison with `--baseline`, when one was given.
    public var baseline: BaselineComparison?
    /// Results at or above this severity make the scan fail (exit code 1).
    public var failOn: Severity = .high
    /// Per namespace: passed over evaluated (passed or failed) results about it.
    public var namespaceScores: [String: Score]
    public var diagnostics: [Diagnostic]
    public var unreadable: [UnreadableKind]

    public init(tool: ToolInfo, scan: ScanInfo, scope: Scope, population: Population, checks: [CheckInfo],
                results: [CheckResult], profiles: [ProfileResult] = [], diagnostics: [Diagnostic], unreadable: [UnreadableKind]) {
        schemaVersion = Report.currentSchemaVersion
        self.tool = tool
        self.scan = scan
        self.scope = scope
        self.population = population
        self.checks = checks.sorted { $0.id < $1.id }
        // Checks hand their results over sorted: checking is cheaper than copying them all.
        let sorted = results.indices.dropFirst().allSatisfy { !(results[$0] < results[$0 - 1]) }
        self.results = sorted ? results : results.sorted()
        self.profiles = profiles
        var scores: [String: Score] = [:]
        for i in results.indices {
            let status = results[i].status
            guard status == .pass || status == .fail || status == .waived else { continue }
            let subject = results[i].subject
            guard let ns = subject.namespace ?? (subject.kind == .namespace ? subject.name : nil) else { continue }
            scores[ns, default: Score(passed: 0, evaluated: 0)].evaluated += 1
            if status != .fail { scores[ns]!.passed += 1 }
        }
        namespaceScores = scores
        self.diagnostics = diagnostics
        self.unreadable = unreadable
    }

    public var summary: Summary { Summary(results) }

    /// Each check's results as a slice of `results`, which are sorted by check: reporters walk
    /// them per check without regrouping (and copying) hundreds of thousands of values.
    public func resultsByCheck() -> [String: ArraySlice<CheckResult>] {
        Report.slicesByCheck(results) ?? Report.slicesByCheck(results.sorted())!
    }

    /// Nil when a check's results are not contiguous.
    static func slicesByCheck(_ results: [CheckResult]) -> [String: ArraySlice<CheckResult>]? {
        var slices: [String: ArraySlice<CheckResult>] = [:]
        var start = results.startIndex
        while start < results.endIndex {
            let id = results[start].checkID
            var end = start + 1
            while end < results.endIndex && results[end].checkID == id { end += 1 }
            guard slices[id] == nil else { return nil }
            slices[id] = results[start..<end]
            start = end
        }
        return slices
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion, tool, scan, scope, population, checks, results, profiles, waivers, baseline, failOn, namespaceScores,
             diagnostics, unreadable
    }

    /// Reads reports of every 1.x version: fields added after 1.0 may be absent (baselines are old reports).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decode(String.self, forKey: .schemaVersion)
        tool = try c.decode(ToolInfo.self, forKey: .tool)
        scan = try c.decode(ScanInfo.self, forKey: .scan)
        scope = try c.decode(Scope.self, forKey: .scope)
        population = try c.decode(Population.self, forKey: .population)
        checks = try c.decode([CheckInfo].self, forKey: .checks)
        results = try c.decode([CheckResult].self, forKey: .results).sorted()
        profiles = try c.decodeIfPresent([ProfileResult].self, forKey: .profiles) ?? []
        waivers = try c.decodeIfPresent([WaiverRecord].self, forKey: .waivers) ?? []
        baseline = try c.decodeIfPresent(BaselineComparison.self, forKey: .baseline)
        failOn = try c.decodeIfPresent(Severity.self, forKey: .failOn) ?? .high
        namespaceScores = try c.decodeIfPresent([String: Score].self, forKey: .namespaceScores) ?? [:]
        diagnostics = try c.decode([Diagnostic].self, forKey: .diagnostics)
        unreadable = try c.decode([UnreadableKind].self, forKey: .unreadable)
    }

    /// The scan could not see everything it needed: some results are indeterminate.
    public var isIncomplete: Bool { !unreadable.isEmpty || results.contains { $0.status == .indeterminate } }

    public func check(_ id: String) -> CheckInfo? { checks.first { $0.id == id } }

    /// The severity a result carries: its own, or its check's.
    public func severity(of result: CheckResult) -> Severity { result.severity ?? check(result.checkID)?.severity ?? .medium }
}

public struct ToolInfo: Sendable, Codable, Equatable {
    public var name: String
    public var version: String
    /// SHA-256 of the running binary, so an auditor can tie a report to a build.
    public var binarySHA256: String?

    public init(name: String = "bulkhead", version: String, binarySHA256: String? = nil) {
        self.name = name
        self.version = version
        self.binarySHA256 = binarySHA256
    }
}

/// Which cluster a report is about. Manifest scans know none of this; live scans fill it in.
public struct ClusterIdentity: Sendable, Codable, Equatable {
    public var context: String?
    public var server: String?
    public var kubernetesVersion: String?
    /// The kube-system namespace's UID: stable for the life of the cluster.
    public var clusterID: String?
    /// The network plugin detected, and how.
    public var cni: String?
    /// Set when TLS verification was switched off for this scan (every report says so).
    public var insecureSkipTLSVerify: Bool

    public init(context: String? = nil, server: String? = nil, kubernetesVersion: String? = nil, clusterID: String? = nil,
                cni: String? = nil, insecureSkipTLSVerify: Bool = false) {
        self.context = context
        self.server = server
        self.kubernetesVersion = kubernetesVersion
        self.clusterID = clusterID
        self.cni = cni
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
    }
}

/// An input file or snapshot and its SHA-256.
public struct FileDigest: Sendable, Codable, Equatable, Comparable {
    public var path: String
    public var sha256: String

    public init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }

    public static func < (a: FileDigest, b: FileDigest) -> Bool { a.path < b.path }
}

public struct ScanInfo: Sendable, Codable, Equatable {
    /// Derived from the inputs and the start time, so a reproducible scan has a reproducible ID.
    public var id: String
    public var cluster: ClusterIdentity
    /// Every input read, with its SHA-256.
    public var inputDigests: [FileDigest]
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

    public init(inputKind: String, inputs: [String], startedAt: String, finishedAt: String, model: ModelOptions,
                cluster: ClusterIdentity = ClusterIdentity(), inputDigests: [FileDigest] = []) {
        self.cluster = cluster
        self.inputDigests = inputDigests.sorted()
        let seed = inputDigests.sorted().map { "\($0.path)=\($0.sha256)" }.joined(separator: "\n") + "|\(startedAt)|\(inputKind)"
        let digest = SHA256.hash(Array(seed.utf8))
        id = ScanInfo.uuidString(digest)
        self.inputKind = inputKind
        self.inputs = inputs
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.model = model
        modelStatements = model.statements
    }

    /// A UUID-shaped string (version 8, "custom") from the first 16 bytes of a digest.
    static func uuidString(_ digest: [UInt8]) -> String {
        var b = Array(digest.prefix(16))
        b[6] = (b[6] & 0x0F) | 0x80
        b[8] = (b[8] & 0x3F) | 0x80
        let hex = b.hexString
        let c = Array(hex)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20]) + "-" + String(c[20..<32])
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
    /// A failure an active waiver accepts; listed in the waiver register, never dropped.
    case waived
    /// The check cannot decide from the input (e.g. CNI enforcement from manifests): an auditor must.
    case manual
}

/// One place where a subject breaks a check.
public struct Violation: Sendable, Codable, Hashable {
    public var message: String
    public var object: ObjectRef?
    /// e.g. `spec.ingress[0].from[1]`
    public var fieldPath: String?
    public var source: SourceLocation?
    public var related: [ObjectRef]
    /// The offending part of the object, as YAML with defaults applied.
    public var excerpt: String?

    public init(message: String, object: ObjectRef? = nil, fieldPath: String? = nil, source: SourceLocation? = nil,
                related: [ObjectRef] = [], excerpt: String? = nil) {
        self.message = message
        self.object = object
        self.fieldPath = fieldPath
        self.source = source
        self.related = related
        self.excerpt = excerpt
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
    /// Stable across runs: the same check on the same subject has the same fingerprint.
    public var fingerprint: String
    /// The waiver that accepts this result (waived), or that expired (still failing).
    public var waiver: String?
    /// Against a baseline: `new` or `unchanged` (failing results only).
    public var trend: String?

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
        fingerprint = CheckResult.fingerprint(checkID: checkID, subject: subject)
    }

    public static func fingerprint(checkID: String, subject: Subject) -> String {
        String(SHA256.hex("\(checkID)|\(subject.kind.rawValue)|\(subject.namespace ?? "")|\(subject.name)").prefix(32))
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
    public var waived: Int
    public var manual: Int

    /// What a JUnit reader counts as skipped: waived, manual and not-applicable results.
    public var skipped: Int { waived + manual + notApplicable }

    public init<Results: Collection<CheckResult>>(_ results: Results) {
        self.init()
        // Reads one field per element: iterating the values would copy every result.
        for i in results.indices { count(results[i].status) }
    }

    public init() {
        total = 0; passed = 0; failed = 0; notApplicable = 0; indeterminate = 0; waived = 0; manual = 0
    }

    public mutating func count(_ status: ResultStatus) {
        total += 1
        switch status {
        case .pass: passed += 1
        case .fail: failed += 1
        case .notApplicable: notApplicable += 1
        case .indeterminate: indeterminate += 1
        case .waived: waived += 1
        case .manual: manual += 1
        }
    }
}

public struct WaiverRecord: Sendable, Codable, Equatable {
    public enum State: String, Sendable, Codable { case active, expired, unused, invalid }

    public var id: String
    public var check: String
    public var namespace: String?
    public var object: String?
    public var reason: String
    public var owner: String?
    public var expires: String
    /// `config` or the annotated object.
    public var source: String
    public var state: State
    /// How many failing results it covers.
    public var matched: Int

    public init(id: String, check: String, namespace: String?, object: String?, reason: String, owner: String?, expires: String,
                source: String, state: State, matched: Int) {
        self.id = id
        self.check = check
        self.namespace = namespace
        self.object = object
        self.reason = reason
        self.owner = owner
        self.expires = expires
        self.source = source
        self.state = state
        self.matched = matched
    }
}

/// What changed since a previous report, by result fingerprint.
public struct BaselineComparison: Sendable, Codable, Equatable {
    public struct Resolved: Sendable, Codable, Equatable {
        public var checkID: String
        public var subject: Subject
        public var fingerprint: String
        public var message: String
    }

    public var previousScanID: String
    public var previousStartedAt: String
    public var new: Int
    public var unchanged: Int
    public var resolved: [Resolved]

    public init(previousScanID: String, previousStartedAt: String, new: Int, unchanged: Int, resolved: [Resolved]) {
        self.previousScanID = previousScanID
        self.previousStartedAt = previousStartedAt
        self.new = new
        self.unchanged = unchanged
        self.resolved = resolved
    }
}
