/// A compliance framework as data: which checks prove which control, and which controls an
/// auditor must verify by hand. Loaded from `benchmarks-profiles/*.yaml`.
public struct Profile: Sendable, Codable, Equatable {
    public struct Control: Sendable, Codable, Equatable {
        public var id: String
        public var title: String
        public var description: String
        /// The checks whose results prove the control; empty for manual controls.
        public var checks: [String]
        /// True when no check can prove it: the report lists it with what to verify by hand.
        public var manual: Bool
        /// For manual controls: the evidence an auditor must obtain.
        public var audit: String?

        public init(id: String, title: String, description: String, checks: [String] = [], manual: Bool = false,
                    audit: String? = nil) {
            self.id = id
            self.title = title
            self.description = description
            self.checks = checks
            self.manual = manual
            self.audit = audit
        }
    }

    /// Stable identifier, e.g. `cis-k8s-1.12`.
    public var id: String
    /// The framework, e.g. "CIS Kubernetes Benchmark".
    public var framework: String
    /// The framework's version, e.g. "1.12.0".
    public var frameworkVersion: String
    /// The version of this mapping (bumped whenever a control's checks change).
    public var mappingVersion: String
    public var description: String
    /// Caveats every report repeats, e.g. that sub-IDs are Bulkhead's own.
    public var notes: [String]
    public var controls: [Control]

    public init(id: String, framework: String, frameworkVersion: String, mappingVersion: String, description: String,
                notes: [String] = [], controls: [Control]) {
        self.id = id
        self.framework = framework
        self.frameworkVersion = frameworkVersion
        self.mappingVersion = mappingVersion
        self.description = description
        self.notes = notes
        self.controls = controls
    }

    /// The controls each check proves in this profile.
    public func controls(provenBy checkID: String) -> [Control] { controls.filter { $0.checks.contains(checkID) } }
}

public enum ControlStatus: String, Sendable, Codable, CaseIterable {
    case pass, fail, manual
    /// Some result the control depends on is indeterminate (its input could not be read).
    case notEvaluated = "not-evaluated"
    /// Every mapped check had nothing in scope to judge.
    case notApplicable = "not-applicable"
}

/// A control's status in one scan, with the evidence behind it.
public struct ControlResult: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    public var status: ControlStatus
    public var checks: [String]
    /// e.g. "NP-0001: 5 passed, 1 failed"; for manual controls, what to verify.
    public var evidence: String
    public var failed: Int
    public var passed: Int
}

public struct ProfileResult: Sendable, Codable, Equatable {
    public var id: String
    public var framework: String
    public var frameworkVersion: String
    public var mappingVersion: String
    public var notes: [String]
    public var controls: [ControlResult]
    /// Controls passed over controls evaluated (passed or failed); manual, not-evaluated and
    /// not-applicable controls do not count either way.
    public var score: Score

    public static func evaluate(_ profile: Profile, results: [CheckResult]) -> ProfileResult {
        evaluate(profile, tally: CheckTally(results))
    }

    /// Controls only need each check's counts and first manual message: a tally built once
    /// serves every profile without regrouping (and copying) the results.
    public static func evaluate(_ profile: Profile, tally: CheckTally) -> ProfileResult {
        let controls = profile.controls.map { control -> ControlResult in
            if control.manual || control.checks.isEmpty {
                return ControlResult(id: control.id, title: control.title, status: .manual, checks: [],
                                     evidence: control.audit ?? "Verify by hand.", failed: 0, passed: 0)
            }
            let counts = control.checks.map { id -> String in
                let s = tally.summary(id)
                var parts = ["\(s.passed) passed", "\(s.failed) failed"]
                if s.waived > 0 { parts.append("\(s.waived) waived") }
                if s.indeterminate > 0 { parts.append("\(s.indeterminate) indeterminate") }
                if s.notApplicable > 0 { parts.append("\(s.notApplicable) not applicable") }
                return "\(id): " + parts.joined(separator: ", ")
            }.joined(separator: "; ")
            let summaries = control.checks.map { tally.summary($0) }
            let failed = summaries.reduce(0) { $0 + $1.failed }
            let passed = summaries.reduce(0) { $0 + $1.passed + $1.waived }
            let firstManual = control.checks.lazy.compactMap { tally.firstManualMessage[$0] }.first
            let status: ControlStatus
            var evidence = counts
            if failed > 0 {
                status = .fail
            } else if summaries.contains(where: { $0.indeterminate > 0 }) {
                status = .notEvaluated
            } else if let manual = firstManual, passed == 0 {
                // A check that cannot decide here (the CNI, from manifests) leaves the control to an auditor.
                status = .manual
                evidence = manual
            } else if passed > 0 {
                status = .pass
            } else {
                status = .notApplicable
            }
            return ControlResult(id: control.id, title: control.title, status: status, checks: control.checks, evidence: evidence,
                                 failed: failed, passed: passed)
        }
        let score = Score(passed: controls.count { $0.status == .pass }, evaluated: controls.count { $0.status == .pass || $0.status == .fail })
        return ProfileResult(id: profile.id, framework: profile.framework, frameworkVersion: profile.frameworkVersion,
                             mappingVersion: profile.mappingVersion, notes: profile.notes, controls: controls, score: score)
    }
}

/// Each check's result counts, and the message of its first manual result.
public struct CheckTally: Sendable {
    public private(set) var summaries: [String: Summary] = [:]
    public private(set) var firstManualMessage: [String: String] = [:]

    public init(_ results: [CheckResult]) {
        for i in results.indices {
            let status = results[i].status
            summaries[results[i].checkID, default: Summary()].count(status)
            if status == .manual, firstManualMessage[results[i].checkID] == nil {
                firstManualMessage[results[i].checkID] = results[i].message
            }
        }
    }

    public func summary(_ checkID: String) -> Summary { summaries[checkID] ?? Summary() }
}

/// passed / evaluated, explained wherever it is shown.
public struct Score: Sendable, Codable, Equatable {
    public var passed: Int
    public var evaluated: Int

    public var percent: Int? { evaluated == 0 ? nil : Int((Double(passed) * 100 / Double(evaluated)).rounded(.down)) }
    public var description: String { percent.map { "\($0)% (\(passed)/\(evaluated))" } ?? "n/a (0 evaluated)" }
}
