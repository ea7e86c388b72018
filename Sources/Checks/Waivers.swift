import BulkheadCore

/// Applies waivers to failing results: an active waiver turns a failure into `waived` (listed
/// in the register, never dropped); an expired one leaves it failing and says so; one that
/// matches nothing is reported as unused.
public enum Waivers {
    public static let annotation = "bulkhead.dev/waive"
    public static let reasonAnnotation = "bulkhead.dev/waive-reason"
    public static let expiresAnnotation = "bulkhead.dev/waive-expires"
    public static let ownerAnnotation = "bulkhead.dev/waive-owner"

    /// Waivers declared as annotations on namespaces and NetworkPolicies, and the problems
    /// with the malformed ones.
    public static func fromAnnotations(_ cluster: ClusterState) -> (waivers: [Configuration.Waiver], invalid: [WaiverRecord]) {
        var waivers: [Configuration.Waiver] = [], invalid: [WaiverRecord] = []
        func read(_ annotations: [String: String], namespace: String?, object: String?, source: String) {
            guard let checks = annotations[annotation] else { return }
            let reason = annotations[reasonAnnotation] ?? ""
            let expires = annotations[expiresAnnotation] ?? ""
            for (i, check) in checks.split(separator: ",").map({ $0.trimmingSpaces }).enumerated() where !check.isEmpty {
                let id = "\(source)#\(i + 1)"
                if reason.isEmpty || !WaiverDates.isValid(expires) {
                    invalid.append(WaiverRecord(id: id, check: check, namespace: namespace, object: object, reason: reason.isEmpty ? "(no \(reasonAnnotation))" : reason,
                                                owner: annotations[ownerAnnotation], expires: expires.isEmpty ? "(no \(expiresAnnotation))" : expires,
                                                source: source, state: .invalid, matched: 0))
                    continue
                }
                waivers.append(Configuration.Waiver(id: id, check: check, namespace: namespace, object: object, reason: reason,
                                                    owner: annotations[ownerAnnotation], expires: expires, source: source))
            }
        }
        for ns in cluster.sortedNamespaceNames { read(cluster.namespaces[ns]!.annotations, namespace: ns, object: nil, source: "Namespace/\(ns)") }
        for p in cluster.policies {
            read(p.annotations, namespace: p.namespace, object: "NetworkPolicy/\(p.name)", source: "NetworkPolicy \(p.namespace)/\(p.name)")
        }
        return (waivers, invalid)
    }

    static func matches(_ w: Configuration.Waiver, _ r: CheckResult) -> Bool {
        guard w.check == "*" || w.check == r.checkID else { return false }
        let namespace = r.subject.namespace ?? (r.subject.kind == .namespace ? r.subject.name : nil)
        if let ns = w.namespace, ns != namespace { return false }
        if let object = w.object {
            let names = [r.subject.name] + r.violations.compactMap { $0.object.map { "\($0.kind)/\($0.name)" } }
            return names.contains(object)
        }
        return true
    }

    /// `today` is the scan's date, `YYYY-MM-DD` (UTC).
    public static func apply(_ waivers: [Configuration.Waiver], to results: [CheckResult], today: String) -> (results: [CheckResult], register: [WaiverRecord]) {
        var results = results
        var register: [WaiverRecord] = []
        for w in waivers {
            let expired = w.expires < today
            var matched = 0
            for i in results.indices where results[i].status == .fail && results[i].waiver == nil && matches(w, results[i]) {
                matched += 1
                results[i].waiver = w.id
                if expired {
                    results[i].message += " (waiver \(w.id) expired on \(w.expires))"
                } else {
                    results[i].status = .waived
                    results[i].message = "Waived by \(w.id) until \(w.expires)\(w.owner.map { " (owner \($0))" } ?? ""): \(w.reason). Finding: \(results[i].message)"
                }
            }
            register.append(WaiverRecord(id: w.id, check: w.check, namespace: w.namespace, object: w.object, reason: w.reason, owner: w.owner,
                                         expires: w.expires, source: w.source, state: matched == 0 ? .unused : (expired ? .expired : .active),
                                         matched: matched))
        }
        return (results, register)
    }
}

extension Substring {
    var trimmingSpaces: String {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
