import BulkheadCore

/// Reads Cilium (cilium.io/v2) and Calico (projectcalico.org/v3, crd.projectcalico.org/v1)
/// policies for what they select and isolate; their rules are not modelled.
enum ForeignPolicyReader {
    static func cilium(_ object: Field, kind: String, meta: Metadata, source: SourceLocation) throws -> [ForeignPolicy] {
        let clusterwide = kind == "CiliumClusterwideNetworkPolicy"
        var specs: [Field] = []
        if let spec = object.child("spec") { specs.append(spec) }
        specs += try object.array("specs")
        guard !specs.isEmpty else { throw InputError("spec or specs is required", path: "spec") }
        return try specs.compactMap { spec in
            // Host policies (nodeSelector) govern nodes, not pods.
            guard let selectorField = spec.child("endpointSelector") else { return nil }
            var isolates: Set<Direction> = []
            let defaults = spec.child("enableDefaultDeny")
            // A selected endpoint with rules in a direction is in default deny there, unless enableDefaultDeny says no.
            let ingressRules = try spec.array("ingress").count + spec.array("ingressDeny").count
            let egressRules = try spec.array("egress").count + spec.array("egressDeny").count
            if ingressRules > 0, try defaults?.bool("ingress") ?? true { isolates.insert(.ingress) }
            if egressRules > 0, try defaults?.bool("egress") ?? true { isolates.insert(.egress) }
            return ForeignPolicy(engine: .cilium, kind: kind, namespace: clusterwide ? nil : meta.namespace, name: meta.name,
                                 selector: try ciliumSelector(PolicyReader.readCiliumSelector(selectorField)), isolates: isolates, source: source)
        }
    }

    /// Cilium label keys carry a source prefix (`k8s:`, `any:`); the namespace is a label.
    static func ciliumSelector(_ s: LabelSelector) -> ForeignPolicy.Selector {
        var parts: [ForeignPolicy.Selector] = []
        func part(_ rawKey: String, _ op: LabelSelector.Operator, _ values: [String]) -> ForeignPolicy.Selector {
            var key = rawKey
            for prefix in ["k8s:", "any:"] where key.hasPrefix(prefix) { key.removeFirst(prefix.count) }
            if key == "io.kubernetes.pod.namespace" { return .namespaceName(op, values) }
            let nsPrefix = "io.cilium.k8s.namespace.labels."
            if key.hasPrefix(nsPrefix) { return .namespaceLabel(String(key.dropFirst(nsPrefix.count)), op, values) }
            return .label(key, op, values)
        }
        for (k, v) in s.matchLabels.sorted(by: { $0.key < $1.key }) { parts.append(part(k, .in, [v])) }
        for r in s.matchExpressions { parts.append(part(r.key, r.op, r.values)) }
        return parts.isEmpty ? .all : .and(parts)
    }

    static func calico(_ object: Field, kind: String, meta: Metadata, source: SourceLocation) throws -> ForeignPolicy {
        let global = kind == "GlobalNetworkPolicy"
        let spec = object.child("spec")
        func parse(_ key: String, _ target: CalicoSelector.Target) throws -> ForeignPolicy.Selector {
            guard let f = spec?.child(key) else { return .all }
            do {
                return try CalicoSelector.parse(try f.string(), target: target)
            } catch let error as CalicoSelector.ParseError {
                throw f.fail(error.message)
            }
        }
        var selector = try parse("selector", .pod)
        if global, spec?.has("namespaceSelector") == true { selector = .and([selector, try parse("namespaceSelector", .namespace)]) }
        var isolates: Set<Direction> = []
        let types = try spec?.array("types").map { try $0.string() } ?? []
        if types.isEmpty {
            isolates.insert(.ingress)
            if !(try spec?.array("egress") ?? []).isEmpty { isolates.insert(.egress) }
        } else {
            if types.contains("Ingress") { isolates.insert(.ingress) }
            if types.contains("Egress") { isolates.insert(.egress) }
        }
        return ForeignPolicy(engine: .calico, kind: "\(kind) (\(global ? "cluster-wide" : "namespaced"))", namespace: global ? nil : meta.namespace,
                             name: meta.name, selector: selector, isolates: isolates, source: source)
    }
}

extension PolicyReader {
    /// A label selector whose keys may carry Cilium's source prefixes (not validated as Kubernetes keys).
    static func readCiliumSelector(_ field: Field) throws -> LabelSelector {
        _ = try field.object()
        var expressions: [LabelSelector.Requirement] = []
        for expr in try field.array("matchExpressions") {
            guard let key = try expr.string("key"), let op = LabelSelector.Operator(rawValue: try expr.string("operator") ?? "") else {
                throw expr.fail("matchExpressions entries need key and a valid operator")
            }
            expressions.append(.init(key: key, op: op, values: try expr.array("values").map { try $0.string() }))
        }
        return LabelSelector(matchLabels: try field.stringMap("matchLabels"), matchExpressions: expressions)
    }
}
