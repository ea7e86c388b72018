import BulkheadCore

/// Pods are most of a large cluster's objects and bytes. This reads a List item that is a
/// plain Pod, as the API server and kubectl print them, straight from the bytes into a
/// `PodRecord`, without building the `Value` tree and dictionaries the generic reader walks.
///
/// It is only ever stricter than the generic path (`ObjectReader` over `JSONReader`): anything
/// unusual (a type other than the API's, a duplicate key, an invalid label, a port without
/// containerPort, any syntax error) returns nil, and the item is read again by the generic
/// path, which gives the errors and warnings. Fields the generic path skips unread are skipped
/// here in the same places; every other value is checked as the generic parser would.
/// `PlainPodReaderTests` holds the two paths to the same records.
enum PlainPodReader {
    struct NotPlain: Error {}

    /// The pod, and where the read stopped (just after it). `defaults`: the kind and apiVersion
    /// of an item that lacks them (a live List's).
    static func readAndEnd(_ bytes: UnsafeBufferPointer<UInt8>, at span: JSONReader.ItemSpan, defaultNamespace: String,
                           file: String, defaults: (kind: String, apiVersion: String)?) -> (pod: RawObjects.PodRecord, end: JSONReader.ItemSpan)? {
        var state = JSONReader.State(bytes: bytes, maxDepth: JSONReader().maxDepth)
        state.pos = span.start
        state.line = span.line
        guard let pod = try? state.plainPod(defaultNamespace: defaultNamespace, source: SourceLocation(file: file, line: span.line, document: 1),
                                            defaults: defaults) else { return nil }
        return (pod, JSONReader.ItemSpan(start: state.pos, line: state.line))
    }
}

private typealias NotPlain = PlainPodReader.NotPlain

/// The keys of one object that the plain path reads, by bit: a second occurrence (which the
/// generic reader would take instead of the first) makes the object not plain. Keys it does
/// not read may repeat: both paths only check their syntax.
struct PlainKeys {
    private var bits: UInt32 = 0
    mutating func insert(_ bit: UInt32) throws {
        if bits & bit != 0 { throw NotPlain() }
        bits |= bit
    }
}

/// An item's kind and apiVersion as read, with a live List's for those it leaves out.
struct PlainHeader {
    let defaults: (kind: String, apiVersion: String)?
    private var readKind: String??
    private var readAPIVersion: String??

    init(defaults: (kind: String, apiVersion: String)?) { self.defaults = defaults }

    /// The kind, so far: read, or the List's when the item has none (yet).
    var kind: String? { readKind ?? defaults?.kind }
    var apiVersion: String { (readAPIVersion ?? defaults?.apiVersion) ?? "" }

    /// Reads `kind`, giving up at once on a kind this reader does not take.
    mutating func readKind(_ state: inout JSONReader.State, accepting accept: (String) -> Bool) throws {
        let kind = try state.stringOrNull()
        guard let kind, accept(kind) else { throw NotPlain() }
        readKind = .some(kind)
    }

    mutating func readAPIVersion(_ state: inout JSONReader.State) throws { readAPIVersion = .some(try state.stringOrNull()) }
}

extension JSONReader.State {
    /// The item at `pos` (depth 2, as `parseItem` reads it).
    mutating func plainPod(defaultNamespace: String, source: SourceLocation,
                           defaults: (kind: String, apiVersion: String)?) throws -> RawObjects.PodRecord {
        var header = PlainHeader(defaults: defaults)
        var meta: PlainMetadata?
        var spec: PlainSpec?
        var status: PlainStatus?
        var seen = PlainKeys()
        try object(depth: 2) { state, key in
            switch key {
            case "kind": try seen.insert(1); try header.readKind(&state) { $0 == "Pod" }
            case "apiVersion": try seen.insert(2); try header.readAPIVersion(&state)
            case "metadata": try seen.insert(4); meta = try state.plainMetadata()
            case "spec": try seen.insert(8); spec = try state.plainSpec()
            case "status": try seen.insert(16); status = try state.plainStatus()
            default: try state.checkValue(depth: 3)
            }
        }
        guard header.kind == "Pod", ObjectReader.isModelled(kind: "Pod", apiVersion: header.apiVersion), let meta else { throw NotPlain() }
        var ips: [IPAddress] = []
        if let status {
            var texts = status.podIPs
            if texts.isEmpty {
                switch status.podIP {
                case let .value(text): texts = [text]
                case .invalid: throw NotPlain()
                case .absent: break
                }
            }
            for text in texts {
                guard let ip = IPAddress(text) else { throw NotPlain() }
                ips.append(ip)
            }
        }
        let namespace = meta.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? defaultNamespace
        let pod = Pod(namespace: namespace, name: meta.name, labels: meta.labels, ports: spec.map { $0.ports + $0.sidecarPorts } ?? [],
                      ips: ips, hostNetwork: spec?.hostNetwork ?? false, phase: status?.phase, source: source)
        return RawObjects.PodRecord(pod: pod, controller: meta.controller, hasStatus: status != nil, hostIP: status?.hostIP)
    }

    // MARK: Metadata (depth 3)

    struct PlainMetadata {
        var name: String
        var namespace: String?
        var labels: [String: String]
        var controller: (kind: String, name: String)?
    }

    mutating func plainMetadata() throws -> PlainMetadata {
        guard try !nullOrObject() else { throw NotPlain() }
        var name: String?
        var namespace: String?
        var labels: [String: String] = [:]
        var controller: (kind: String, name: String)?
        var seen = PlainKeys()
        try object(depth: 3) { state, key in
            switch key {
            case "name": try seen.insert(1); name = try state.stringOrNull()
            case "namespace": try seen.insert(2); namespace = try state.stringOrNull()
            case "labels": try seen.insert(4); labels = try state.stringMap(depth: 4)
            case "annotations": try seen.insert(8); try state.checkStringMap(depth: 4)
            case "uid": try seen.insert(16); try state.checkStringOrNull()
            case "ownerReferences": try seen.insert(32); controller = try state.controllerReference()
            default: try state.skipOrCheck(key, in: .metadata, depth: 4)
            }
        }
        guard let name, !name.isEmpty else { throw NotPlain() }
        for (key, value) in labels where LabelValidation.keyProblem(key) != nil || LabelValidation.valueProblem(value) != nil {
            throw NotPlain()
        }
        return PlainMetadata(name: name, namespace: namespace, labels: labels, controller: controller)
    }

    /// The first ownerReference with `controller: true`; the generic reader ignores entries that
    /// are not objects and reads nothing after the one it takes.
    mutating func controllerReference() throws -> (kind: String, name: String)? {
        guard try !nullOrArray() else { return nil }
        var found: (kind: String, name: String)?
        try array(depth: 4) { state in
            guard found == nil, state.peek == UInt8(ascii: "{") else { return try state.checkValue(depth: 5) }
            var isController: Bool?
            var kind: TypedString = .absent
            var name: TypedString = .absent
            var seen = PlainKeys()
            try state.object(depth: 5) { state, key in
                switch key {
                case "controller": try seen.insert(1); isController = try state.boolOrNull()
                case "kind": try seen.insert(2); kind = try state.typedString()
                case "name": try seen.insert(4); name = try state.typedString()
                default: try state.checkValue(depth: 6)
                }
            }
            if isController == true { found = (try kind.value() ?? "", try name.value() ?? "") }
        }
        return found
    }

    // MARK: Spec (depth 3)

    struct PlainSpec {
        var ports: [ContainerPort] = []
        /// Ports of init containers that keep running (`restartPolicy: Always`).
        var sidecarPorts: [ContainerPort] = []
        var hostNetwork = false
        var containers: [ContainerInfo] = []
        var initContainers: [ContainerInfo] = []
    }

    /// A pod spec (a pod's, or a template's) at `depth`.
    mutating func plainSpec(depth: Int = 3) throws -> PlainSpec? {
        guard try !nullOrObject() else { return nil }
        var spec = PlainSpec()
        var seen = PlainKeys()
        try object(depth: depth) { state, key in
            switch key {
            case "containers": try seen.insert(1); (spec.ports, spec.containers) = try state.containers(sidecarsOnly: false, depth: depth + 1)
            case "initContainers": try seen.insert(2); (spec.sidecarPorts, spec.initContainers) = try state.containers(sidecarsOnly: true, depth: depth + 1)
            case "hostNetwork": try seen.insert(4); spec.hostNetwork = try state.boolOrNull() ?? false
            default: try state.skipOrCheck(key, in: .spec, depth: depth + 1)
            }
        }
        return spec
    }

    /// The ports and names of a list of containers at `depth`.
    mutating func containers(sidecarsOnly: Bool, depth: Int) throws -> ([ContainerPort], [ContainerInfo]) {
        guard try !nullOrArray() else { return ([], []) }
        var result: [ContainerPort] = []
        var infos: [ContainerInfo] = []
        try array(depth: depth) { state in
            guard try !state.nullOrObject() else { throw NotPlain() }
            var ports: [ContainerPort] = []
            var restartPolicy: TypedString = .absent
            var name: String?
            var image: String?
            var seen = PlainKeys()
            try state.object(depth: depth + 1) { state, key in
                switch key {
                case "ports": try seen.insert(1); ports = try state.ports(depth: depth + 2)
                case "restartPolicy": try seen.insert(2); restartPolicy = try state.typedString()
                case "name": try seen.insert(4); name = try state.stringOrNull()
                case "image": try seen.insert(8); image = try state.stringOrNull()
                default: try state.skipOrCheck(key, in: .container, depth: depth + 2)
                }
            }
            if try !sidecarsOnly || restartPolicy.value() == "Always" { result += ports }
            infos.append(ContainerInfo(name: name ?? "", image: image ?? ""))
        }
        return (result, infos)
    }

    mutating func ports(depth: Int) throws -> [ContainerPort] {
        guard try !nullOrArray() else { return [] }
        var ports: [ContainerPort] = []
        try array(depth: depth) { state in
            guard try !state.nullOrObject() else { throw NotPlain() }
            var number: Int?
            var proto = L4Protocol.tcp
            var name: String?
            var seen = PlainKeys()
            try state.object(depth: depth + 1) { state, key in
                switch key {
                case "containerPort": try seen.insert(1); number = try state.plainInt()
                case "protocol":
                    try seen.insert(2)
                    if let text = try state.stringOrNull() {
                        guard let parsed = L4Protocol(rawValue: text) else { throw NotPlain() }
                        proto = parsed
                    }
                case "name": try seen.insert(4); name = try state.stringOrNull()
                default: try state.checkValue(depth: depth + 2)
                }
            }
            guard let number, (1...65535).contains(number) else { throw NotPlain() }
            ports.append(ContainerPort(name: name, number: number, proto: proto))
        }
        return ports
    }

    // MARK: Status (depth 3)

    struct PlainStatus {
        var phase: String?
        var hostIP: String?
        var podIP: TypedString = .absent
        var podIPs: [String] = []
    }

    mutating func plainStatus() throws -> PlainStatus? {
        guard try !nullOrObject() else { return nil }
        var status = PlainStatus()
        var seen = PlainKeys()
        try object(depth: 3) { state, key in
            switch key {
            case "phase": try seen.insert(1); status.phase = try state.stringOrNull()
            case "hostIP": try seen.insert(2); status.hostIP = try state.stringOrNull()
            case "podIP": try seen.insert(4); status.podIP = try state.typedString()
            case "podIPs":
                try seen.insert(8)
                guard try !state.nullOrArray() else { return }
                try state.array(depth: 4) { state in
                    // Entries that are not objects, or have no ip, are dropped, as the generic reader does.
                    guard state.peek == UInt8(ascii: "{") else { return try state.checkValue(depth: 5) }
                    var ip: String?
                    var seen = PlainKeys()
                    try state.object(depth: 5) { state, key in
                        if key == "ip" { try seen.insert(16); ip = try state.stringOrNull() } else { try state.checkValue(depth: 6) }
                    }
                    if let ip { status.podIPs.append(ip) }
                }
            default: try state.skipOrCheck(key, in: .status, depth: 4)
            }
        }
        return status
    }

    // MARK: Values

    /// A string read only under some condition: its type is checked when it is needed.
    enum TypedString {
        case absent
        case value(String)
        case invalid

        func value() throws -> String? {
            switch self {
            case .absent: return nil
            case let .value(s): return s
            case .invalid: throw NotPlain()
            }
        }
    }

    var peek: UInt8? {
        mutating get {
            skipWhitespace()
            return pos < bytes.count ? bytes[pos] : nil
        }
    }

    /// True (and consumed) for null; false for an object, left to read; otherwise not plain.
    mutating func nullOrObject() throws -> Bool {
        switch peek {
        case UInt8(ascii: "n"): try literal("null"); return true
        case UInt8(ascii: "{"): return false
        default: throw NotPlain()
        }
    }

    mutating func nullOrArray() throws -> Bool {
        switch peek {
        case UInt8(ascii: "n"): try literal("null"); return true
        case UInt8(ascii: "["): return false
        default: throw NotPlain()
        }
    }

    mutating func stringOrNull() throws -> String? {
        switch peek {
        case UInt8(ascii: "\""): return try parseString()
        case UInt8(ascii: "n"): try literal("null"); return nil
        default: throw NotPlain()
        }
    }

    mutating func typedString() throws -> TypedString {
        switch peek {
        case UInt8(ascii: "\""): return .value(try parseString())
        case UInt8(ascii: "n"): try literal("null"); return .absent
        default:
            try checkValue(depth: 0)
            return .invalid
        }
    }

    mutating func boolOrNull() throws -> Bool? {
        switch peek {
        case UInt8(ascii: "t"): try literal("true"); return true
        case UInt8(ascii: "f"): try literal("false"); return false
        case UInt8(ascii: "n"): try literal("null"); return nil
        default: throw NotPlain()
        }
    }

    mutating func plainInt() throws -> Int {
        guard let b = peek, b == UInt8(ascii: "-") || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")),
              case let .int(value) = try parseNumber() else { throw NotPlain() }
        return value
    }

    /// A map of strings (labels, annotations); null values read as empty strings.
    mutating func stringMap(depth: Int) throws -> [String: String] {
        guard try !nullOrObject() else { return [:] }
        var map: [String: String] = [:]
        try object(depth: depth) { state, key in map[key] = try state.stringOrNull() ?? "" }
        return map
    }

    /// A map of strings that pods do not keep (annotations): checked, not built.
    mutating func checkStringMap(depth: Int) throws {
        guard try !nullOrObject() else { return }
        try object(depth: depth) { state, _ in try state.checkStringOrNull() }
    }

    mutating func checkStringOrNull() throws {
        switch peek {
        case UInt8(ascii: "\""): try checkString()
        case UInt8(ascii: "n"): try literal("null")
        default: throw NotPlain()
        }
    }

    /// A field the plain path does not read: skipped unchecked where the generic parser skips
    /// it, checked as the generic parser would everywhere else.
    mutating func skipOrCheck(_ key: String, in place: JSONReader.Place, depth: Int) throws {
        if JSONReader.skips(key, in: place) { try skipValue(depth: depth) } else { try checkValue(depth: depth) }
    }

    /// The object at `pos`, one key at a time; `body` reads the key's value.
    mutating func object(depth: Int, _ body: (inout Self, String) throws -> Void) throws {
        guard depth < maxDepth, peek == UInt8(ascii: "{") else { throw NotPlain() }
        pos += 1
        if peek == UInt8(ascii: "}") { pos += 1; return }
        while true {
            guard peek == UInt8(ascii: "\"") else { throw NotPlain() }
            let key = try parseString()
            try expect(UInt8(ascii: ":"), "':'")
            try body(&self, key)
            switch peek {
            case UInt8(ascii: ","): pos += 1
            case UInt8(ascii: "}"): pos += 1; return
            default: throw NotPlain()
            }
        }
    }

    mutating func array(depth: Int, _ element: (inout Self) throws -> Void) throws {
        guard depth < maxDepth, peek == UInt8(ascii: "[") else { throw NotPlain() }
        pos += 1
        if peek == UInt8(ascii: "]") { pos += 1; return }
        while true {
            try element(&self)
            switch peek {
            case UInt8(ascii: ","): pos += 1
            case UInt8(ascii: "]"): pos += 1; return
            default: throw NotPlain()
            }
        }
    }

    /// Checks a value without building it: the same syntax, escapes, UTF-8 and nesting limit as
    /// `parseValue`.
    mutating func checkValue(depth: Int) throws {
        guard depth < maxDepth, let b = peek else { throw NotPlain() }
        switch b {
        case UInt8(ascii: "{"): try object(depth: depth) { state, _ in try state.checkValue(depth: depth + 1) }
        case UInt8(ascii: "["): try array(depth: depth) { state in try state.checkValue(depth: depth + 1) }
        case UInt8(ascii: "\""): try checkString()
        default: _ = try parseValue(depth: depth)
        }
    }

    mutating func checkString() throws {
        let quote = pos
        pos += 1
        var ascii = true
        while pos < bytes.count {
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                if !ascii, String(validating: UnsafeBufferPointer(rebasing: bytes[(quote + 1)..<pos]), as: UTF8.self) == nil { throw NotPlain() }
                pos += 1
                return
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw NotPlain() }
            if b >= 0x80 { ascii = false }
            pos += 1
        }
        // Escapes (rare): the parser's own rules.
        pos = quote
        _ = try parseString()
    }
}
