import BulkheadCore

/// Segmentation zones (a PCI cardholder data environment, say): who may reach the zone, and
/// where the zone may reach, checked against every allowed flow.
struct ZoneBoundaries: Check {
    let metadata = CheckMetadata(
        id: "NP-0101",
        slug: "zone-boundary",
        title: "Segmentation zones are reachable only as declared",
        severity: .critical,
        subject: .cluster,
        rationale: """
        Segmentation that reduces compliance scope must hold in both directions: only the named zones may reach \
        the zone, and the zone may reach only the named destinations (`external` for addresses outside the \
        cluster). Every allowed flow that crosses the boundary otherwise is a violation. Pods outside every zone \
        count as outside.
        """,
        remediation: """
        Narrow the policies of the zone's namespaces to the declared peers, or declare the zone that legitimately \
        needs the flow:

        ```yaml
        zones:
        - name: cde
          namespaces: [payments]
          allowedFrom: [app]
          allowedTo: [external]
        - name: app
          namespaces: [backend]
          allowedFrom: []
          allowedTo: [cde]
        ```
        """,
        needs: ["NetworkPolicy", "Pod", "Namespace"],
        compliant: [
            CheckExample("the zone is reached only from its allowed peer", manifest: IntentFixtures.shop + """

            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny, namespace: vault}
            spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: secrets, namespace: vault, labels: {app: secrets}}
            spec: {containers: [{name: c, image: x}]}
            """, configuration: """
            apiVersion: bulkhead.dev/v1
            kind: Configuration
            zones:
            - {name: vault, namespaces: [vault], allowedFrom: [], allowedTo: []}
            """, expect: ["zone: vault": .pass]),
        ],
        violating: [
            CheckExample("an open namespace in a zone", manifest: IntentFixtures.shop + """

            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: secrets, namespace: vault, labels: {app: secrets}}
            spec: {containers: [{name: c, image: x}]}
            """, configuration: """
            apiVersion: bulkhead.dev/v1
            kind: Configuration
            zones:
            - {name: vault, namespaces: [vault], allowedFrom: [], allowedTo: [external]}
            """, expect: ["zone: vault": .fail]),
        ]
    )

    func evaluate(_ context: CheckContext) -> [CheckResult] {
        let zones = context.configuration.zones
        guard !zones.isEmpty else { return [] }
        var zoneOf: [String: Set<String>] = [:]
        for z in zones { for ns in z.namespaces { zoneOf[ns, default: []].insert(z.name) } }
        if let foreign = context.cluster.foreignPolicies.first {
            return zones.map { result(Subject(kind: .cluster, name: "zone: \($0.name)"), .indeterminate,
                                      "\(foreign.kind) \(foreign.name) and other Cilium or Calico policies are not modelled, so zone boundaries cannot be verified") }
        }
        let map = ConnectivityMap.compute(context.engine, granularity: .pods)
        return zones.map { zone in
            let inside = Set(zone.namespaces)
            var violations: [String] = []
            for entry in map.entries {
                let src = entry.source, dst = entry.destination
                let srcIn = src.namespace.map(inside.contains) ?? false
                let dstIn = dst.namespace.map(inside.contains) ?? false
                guard srcIn != dstIn else { continue }
                if dstIn {
                    // Into the zone: the source's zones must include an allowed one.
                    let from: Set<String> = src.namespace.map { zoneOf[$0] ?? [] } ?? ["external"]
                    if from.isDisjoint(with: zone.allowedFrom) {
                        violations.append("\(src) can reach \(dst) (\(entry.connections.description)), but \(from.isEmpty ? "it is in no zone" : "its zone \(from.sorted().joined(separator: ", ")) is not allowed in")")
                    }
                } else {
                    let to: Set<String> = dst.namespace.map { zoneOf[$0] ?? [] } ?? ["external"]
                    if to.isDisjoint(with: zone.allowedTo) {
                        violations.append("\(src) can reach \(dst) (\(entry.connections.description)), but \(to.isEmpty ? "it is in no zone" : "zone \(to.sorted().joined(separator: ", ")) is not an allowed destination")")
                    }
                }
            }
            let subject = Subject(kind: .cluster, name: "zone: \(zone.name)")
            if violations.isEmpty {
                return result(subject, .pass, "zone \(zone.name) (\(zone.namespaces.joined(separator: ", "))) is reached only from \(zone.allowedFrom.isEmpty ? "nowhere" : zone.allowedFrom.joined(separator: ", ")) and reaches only \(zone.allowedTo.isEmpty ? "nothing outside" : zone.allowedTo.joined(separator: ", "))")
            }
            let shown = violations.prefix(50).map { Violation(message: $0) }
            let more = violations.count > 50 ? [Violation(message: "… and \(violations.count - 50) more flows")] : []
            return result(subject, .fail, "zone \(zone.name) is crossed by \(violations.count) undeclared flow(s)", violations: shown + more)
        }
    }
}
