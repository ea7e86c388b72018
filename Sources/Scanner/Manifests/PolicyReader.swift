import BulkheadCore

/// Reads a networking.k8s.io/v1 NetworkPolicy, applying the apiserver's defaulting (protocol
/// TCP; policyTypes is derived on use) and rejecting what its validation rejects.
enum PolicyReader {
    static func read(_ spec: Field?, namespace: String, name: String, annotations: [String: String],
                     source: SourceLocation) throws -> NetworkPolicy {
        guard let spec else {
            throw InputError("spec is required", path: "spec")
        }
        let podSelector = try spec.child("podSelector").map(readSelector) ?? .everything
        var declared: [Direction]?
        if let types = spec.child("policyTypes") {
            let items = try types.array()
            if items.count > 2 { throw types.fail("may contain at most 2 entries") }
            declared = try items.map { item in
                switch try item.string() {
                case "Ingress": return .ingress
                case "Egress": return .egress
                case let other: throw item.fail("unsupported value '\(other)': must be Ingress or Egress")
                }
            }
        }
        let ingress = try spec.array("ingress").map { try readRule($0, direction: .ingress) }
        let egress = try spec.array("egress").map { try readRule($0, direction: .egress) }
        return NetworkPolicy(namespace: namespace, name: name, podSelector: podSelector, declaredPolicyTypes: declared,
                             ingress: ingress, egress: egress, annotations: annotations, source: source)
    }

    static func readRule(_ rule: Field, direction: Direction) throws -> PolicyRule {
        _ = try rule.object()
        let peerFields = try rule.array(direction.peerField)
        let peers = try peerFields.map(readPeer)
        let ports = try rule.array("ports").map(readPort)
        return PolicyRule(peers: peers.isEmpty ? nil : peers, ports: ports)
    }

    static func readPeer(_ peer: Field) throws -> PolicyPeer {
        _ = try peer.object()
        let pod = try peer.child("podSelector").map(readSelector)
        let ns = try peer.child("namespaceSelector").map(readSelector)
        // `podSelector: null` is read as absent, as the apiserver's JSON decoding does.
        if let block = peer.child("ipBlock") {
            if pod != nil || ns != nil { throw peer.fail("may not specify ipBlock together with podSelector or namespaceSelector") }
            return .ipBlock(try readIPBlock(block))
        }
        if pod == nil && ns == nil { throw peer.fail("must specify a peer: podSelector, namespaceSelector or ipBlock") }
        return .pods(namespaceSelector: ns, podSelector: pod)
    }

    static func readIPBlock(_ block: Field) throws -> IPBlock {
        guard let cidrField = block.child("cidr") else { throw block.fail("cidr is required") }
        let cidrText = try cidrField.string()
        guard let cidr = CIDR(cidrText) else { throw cidrField.fail("'\(cidrText)' is not a valid CIDR") }
        var except: [CIDR] = []
        for item in try block.array("except") {
            let text = try item.string()
            guard let hole = CIDR(text) else { throw item.fail("'\(text)' is not a valid CIDR") }
            guard cidr.contains(hole), hole.prefix > cidr.prefix else {
                throw item.fail("'\(text)' must be a strict subset of cidr \(cidrText)")
            }
            except.append(hole)
        }
        return IPBlock(cidr: cidr, except: except)
    }

    static func readPort(_ entry: Field) throws -> PolicyPort {
        _ = try entry.object()
        var proto = L4Protocol.tcp
        if let p = entry.child("protocol") {
            let text = try p.string()
            guard let parsed = L4Protocol(rawValue: text) else { throw p.fail("unsupported protocol '\(text)': must be TCP, UDP or SCTP") }
            proto = parsed
        }
        var port: PortSpec?
        if let p = entry.child("port") {
            switch p.value {
            case let .string(name):
                if let problem = LabelValidation.portNameProblem(name) { throw p.fail(problem) }
                port = .named(name)
            default:
                let n = try p.int()
                guard (1...65535).contains(n) else { throw p.fail("port \(n) must be between 1 and 65535") }
                port = .number(n)
            }
        }
        var endPort: Int?
        if let e = entry.child("endPort") {
            let n = try e.int()
            switch port {
            case nil: throw e.fail("may not be specified when port is not specified")
            case .named: throw e.fail("may not be specified when port is non-numeric")
            case let .number(start):
                guard (1...65535).contains(n) else { throw e.fail("endPort \(n) must be between 1 and 65535") }
                guard n >= start else { throw e.fail("endPort \(n) must be greater than or equal to port \(start)") }
            }
            endPort = n
        }
        return PolicyPort(proto: proto, port: port, endPort: endPort)
    }

    static func readSelector(_ field: Field) throws -> LabelSelector {
        _ = try field.object()
        let labels = try field.stringMap("matchLabels")
        if let (key, problem) = LabelValidation.firstProblem(labels) {
            throw InputError(problem, path: "\(field.path).matchLabels.\(key)", line: field.line)
        }
        var expressions: [LabelSelector.Requirement] = []
        for expr in try field.array("matchExpressions") {
            guard let key = try expr.string("key") else { throw expr.fail("key is required") }
            if let problem = LabelValidation.keyProblem(key) { throw expr.fail(problem) }
            guard let opField = expr.child("operator") else { throw expr.fail("operator is required") }
            let opText = try opField.string()
            guard let op = LabelSelector.Operator(rawValue: opText) else {
                throw opField.fail("'\(opText)' is not a valid operator: must be In, NotIn, Exists or DoesNotExist")
            }
            let values = try expr.array("values").map { try $0.string() }
            switch op {
            case .in, .notIn:
                if values.isEmpty { throw expr.fail("values must be non-empty for operator \(opText)") }
                for v in values { if let problem = LabelValidation.valueProblem(v) { throw expr.fail(problem) } }
            case .exists, .doesNotExist:
                if !values.isEmpty { throw expr.fail("values must be empty for operator \(opText)") }
            }
            expressions.append(LabelSelector.Requirement(key: key, op: op, values: values))
        }
        return LabelSelector(matchLabels: labels, matchExpressions: expressions)
    }
}
