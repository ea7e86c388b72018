import BulkheadCore

/// The verification step every NetworkPolicy guide asks for ("frontend reaches backend and
/// nothing else does"), proven from configuration instead of by launching test pods.
struct IntentExpectations: Check {
    let metadata = CheckMetadata(
        id: "NP-0100",
        slug: "intent-expectation",
        title: "Declared connectivity expectations hold",
        severity: .high,
        subject: .cluster,
        rationale: """
        Teams know which flows their application needs; the policies should allow exactly those. Each expectation \
        in the configuration (`expectations:`) says that a set of pods must, or must not, reach another on a port, \
        or that only some sources may. The engine evaluates it against the policies with full semantics, both ends \
        of every connection included.
        """,
        remediation: """
        Change the policies (or the expectation) until they agree; `bulkhead explain --from NS/NAME --to NS/NAME \
        --port PORT` shows which rule allows or blocks the flow.

        ```yaml
        expectations:
        - name: frontend reaches backend
          from: {namespace: frontend, labels: {app: frontend}}
          to: {namespace: backend, labels: {app: backend}}
          port: 8080/TCP
          expect: allowed
        ```
        """,
        needs: ["NetworkPolicy", "Pod", "Namespace"],
        compliant: [
            CheckExample("frontend reaches backend, and only frontend", manifest: IntentFixtures.shop, configuration: """
            apiVersion: bulkhead.dev/v1
            kind: Configuration
            expectations:
            - name: web-to-api
              from: {namespace: shop, labels: {app: web}}
              to: {namespace: shop, labels: {app: api}}
              port: 8080/TCP
              expect: allowed
            - name: only-web-to-api
              from: {namespace: shop, labels: {app: web}}
              to: {namespace: shop, labels: {app: api}}
              port: 8080/TCP
              expect: onlyFrom
            """, expect: ["expectation: web-to-api": .pass, "expectation: only-web-to-api": .pass]),
        ],
        violating: [
            CheckExample("a flow that is blocked, and one that should be", manifest: IntentFixtures.shop, configuration: """
            apiVersion: bulkhead.dev/v1
            kind: Configuration
            expectations:
            - name: api-to-web
              from: {namespace: shop, labels: {app: api}}
              to: {namespace: shop, labels: {app: web}}
              port: 80/TCP
              expect: allowed
            - name: batch-never-reaches-web
              from: {namespace: shop, labels: {app: batch}}
              to: {namespace: shop, labels: {app: web}}
              expect: denied
            """, expect: ["expectation: api-to-web": .fail, "expectation: batch-never-reaches-web": .fail]),
        ]
    )

    func evaluate(_ context: CheckContext) -> [CheckResult] {
        context.configuration.expectations.map { e in
            let subject = Subject(kind: .cluster, name: "expectation: \(e.name)")
            let engine = context.engine
            func members(_ set: Configuration.PodSet) -> [Pod] {
                context.cluster.pods.filter { set.contains($0, namespaceLabels: context.cluster.namespaceLabels($0.namespace)) }
            }
            let targets = members(e.to)
            let sources = e.from.flatMap(members)
            let port = e.port.map { "\($0)/\(e.proto.rawValue)" } ?? "any port"
            func reaches(_ conns: ConnectionSet) -> Bool {
                if let p = e.port { return conns.contains(e.proto, p) }
                return !conns.isEmpty
            }
            let unmodelled = (targets + sources).filter { pod in
                context.cluster.foreignPolicies.contains { $0.selects(pod, namespaceLabels: context.cluster.namespaceLabels(pod.namespace)) }
            }
            if let pod = unmodelled.first {
                return result(subject, .indeterminate, "Cilium or Calico policies select \(pod.owner); their rules are not modelled, so the expectation cannot be verified")
            }
            guard !targets.isEmpty else {
                return result(subject, .fail, "`to` (\(e.to)) matches no pod: the expectation cannot hold as written",
                              violations: [Violation(message: "no pod matches \(e.to)")])
            }
            var violations: [Violation] = []
            switch e.kind {
            case .allowed, .denied:
                guard !sources.isEmpty else {
                    return result(subject, .fail, "`from` matches no pod: the expectation cannot hold as written",
                                  violations: [Violation(message: "no pod matches \(e.from.map(\.description).joined(separator: " or "))")])
                }
                for s in sources {
                    for t in targets where s != t {
                        let ok = reaches(engine.allowedConnections(from: s, to: t))
                        if ok != (e.kind == .allowed) {
                            violations.append(Violation(message: "\(s.owner) \(ok ? "can" : "cannot") reach \(t.owner) on \(port)",
                                                        object: ObjectRef(kind: t.owner.kind, namespace: t.namespace, name: t.owner.name)))
                        }
                    }
                }
            case .onlyFrom:
                let allowed = Set(sources.map { "\($0.namespace)/\($0.name)" })
                for s in context.cluster.pods where !allowed.contains("\(s.namespace)/\(s.name)") {
                    for t in targets where s != t && s.owner != t.owner && reaches(engine.allowedConnections(from: s, to: t)) {
                        violations.append(Violation(message: "\(s.owner) can reach \(t.owner) on \(port), but is not among the allowed sources",
                                                    object: ObjectRef(kind: s.owner.kind, namespace: s.namespace, name: s.owner.name)))
                    }
                }
                for t in targets {
                    for (range, conns) in engine.externalRanges(t, .ingress) where reaches(conns) {
                        violations.append(Violation(message: "addresses \(range) outside the cluster can reach \(t.owner) on \(port)",
                                                    object: ObjectRef(kind: t.owner.kind, namespace: t.namespace, name: t.owner.name)))
                    }
                }
            }
            violations = Array(Set(violations.map(\.message))).sorted().map { m in violations.first { $0.message == m }! }
            let verb = ["allowed": "is allowed", "denied": "is denied", "onlyFrom": "is reachable only from the allowed sources"][e.kind.rawValue]!
            return verdict(subject, violations, pass: "\(e.to) \(verb) on \(port), as expected",
                           fail: "expectation \"\(e.name)\" does not hold: \(violations.count) violating flow(s)")
        }
    }
}

enum IntentFixtures {
    static let shop = """
    apiVersion: v1
    kind: Pod
    metadata: {name: web, namespace: shop, labels: {app: web}}
    spec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}
    ---
    apiVersion: v1
    kind: Pod
    metadata: {name: api, namespace: shop, labels: {app: api}}
    spec: {containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}
    ---
    apiVersion: v1
    kind: Pod
    metadata: {name: batch, namespace: shop, labels: {app: batch}}
    spec: {containers: [{name: c, image: x}]}
    ---
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {name: api, namespace: shop}
    spec:
      podSelector: {matchLabels: {app: api}}
      ingress:
      - from: [{podSelector: {matchLabels: {app: web}}}]
        ports: [{port: 8080}]
    ---
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {name: web-egress, namespace: shop}
    spec:
      podSelector: {matchLabels: {app: api}}
      policyTypes: [Egress]
    """
}
