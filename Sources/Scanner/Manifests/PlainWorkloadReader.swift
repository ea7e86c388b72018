import BulkheadCore

/// Workloads (Deployments and their ReplicaSets above all) are most of a large cluster's other
/// objects: a plain one is read straight from the bytes into a `Workload`, on the terms of
/// `PlainPodReader` (only ever stricter than the generic path, which reads anything unusual).
/// `PlainWorkloadReaderTests` holds the two paths to the same workloads.
enum PlainWorkloadReader {
    static func readAndEnd(_ bytes: UnsafeBufferPointer<UInt8>, at span: JSONReader.ItemSpan, defaultNamespace: String, file: String,
                           defaults: (kind: String, apiVersion: String)?) -> (workload: Workload, end: JSONReader.ItemSpan)? {
        var state = JSONReader.State(bytes: bytes, maxDepth: JSONReader().maxDepth)
        state.pos = span.start
        state.line = span.line
        guard let workload = try? state.plainWorkload(defaultNamespace: defaultNamespace,
                                                      source: SourceLocation(file: file, line: span.line, document: 1), defaults: defaults)
        else { return nil }
        return (workload, JSONReader.ItemSpan(start: state.pos, line: state.line))
    }
}

extension JSONReader.State {
    /// The pod template of a workload, as the generic reader reads it.
    struct PlainTemplate {
        var labels: [String: String] = [:]
        var spec: PlainSpec?
    }

    mutating func plainWorkload(defaultNamespace: String, source: SourceLocation,
                                defaults: (kind: String, apiVersion: String)?) throws -> Workload {
        var header = PlainHeader(defaults: defaults)
        var meta: PlainMetadata?
        var replicas: Int?
        var template: PlainTemplate?
        var hasSpec = false
        var seen = PlainKeys()
        try object(depth: 2) { state, key in
            switch key {
            case "kind": try seen.insert(1); try header.readKind(&state) { ObjectReader.workloadKinds.contains($0) }
            case "apiVersion": try seen.insert(2); try header.readAPIVersion(&state)
            case "metadata": try seen.insert(4); meta = try state.plainMetadata()
            case "spec":
                try seen.insert(8)
                // The template sits one level deeper in a CronJob, whose kind may not be known yet:
                // a guess that the kind later contradicts leaves no template, and the item not plain.
                guard try !state.nullOrObject() else { throw PlainPodReader.NotPlain() }
                hasSpec = true
                (replicas, template) = try state.workloadSpec(cronJob: header.kind == "CronJob")
            default: try state.checkValue(depth: 3)
            }
        }
        guard let kind = header.kind, ObjectReader.workloadKinds.contains(kind), ObjectReader.isModelled(kind: kind, apiVersion: header.apiVersion),
              let meta, hasSpec, let template else { throw PlainPodReader.NotPlain() }
        let namespace = meta.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? defaultNamespace
        var owner: WorkloadRef?
        if let controller = meta.controller, !controller.kind.isEmpty {
            owner = WorkloadRef(namespace: namespace, name: controller.name, kind: controller.kind)
        }
        let spec = template.spec
        var workload = Workload(ref: WorkloadRef(namespace: namespace, name: meta.name, kind: kind), templateLabels: template.labels,
                                ports: spec.map { $0.ports + $0.sidecarPorts } ?? [], hostNetwork: spec?.hostNetwork ?? false,
                                replicas: replicas, owner: owner, source: source)
        workload.containers = spec.map { $0.initContainers + $0.containers } ?? []
        return workload
    }

    /// A workload's spec (depth 3): its replicas and pod template. A CronJob's template is
    /// under `jobTemplate.spec`; a spec read as a CronJob's that turns out not to be one (or
    /// the reverse) is not plain, since the kind decides where the template is.
    mutating func workloadSpec(cronJob: Bool) throws -> (replicas: Int?, template: PlainTemplate?) {
        var replicas: Int?
        var template: PlainTemplate?
        var seen = PlainKeys()
        try object(depth: 3) { state, key in
            switch key {
            case "replicas":
                try seen.insert(1)
                if state.peek == UInt8(ascii: "n") { try state.literal("null") } else { replicas = try state.plainInt() }
            case "template" where !cronJob:
                try seen.insert(2)
                template = try state.podTemplate(depth: 4)
            case "jobTemplate" where cronJob:
                try seen.insert(2)
                guard try !state.nullOrObject() else { throw PlainPodReader.NotPlain() }
                var jobSeen = PlainKeys()
                try state.object(depth: 4) { state, key in
                    guard key == "spec" else { return try state.checkValue(depth: 5) }
                    try jobSeen.insert(1)
                    guard try !state.nullOrObject() else { throw PlainPodReader.NotPlain() }
                    var specSeen = PlainKeys()
                    try state.object(depth: 5) { state, key in
                        guard key == "template" else { return try state.skipOrCheck(key, in: .spec, depth: 6) }
                        try specSeen.insert(1)
                        template = try state.podTemplate(depth: 6)
                    }
                }
            default: try state.skipOrCheck(key, in: .spec, depth: 4)
            }
        }
        return (replicas, template)
    }

    /// `template` at `depth`: its labels (validated as the apiserver does) and pod spec.
    mutating func podTemplate(depth: Int) throws -> PlainTemplate {
        guard try !nullOrObject() else { throw PlainPodReader.NotPlain() }
        var template = PlainTemplate()
        var seen = PlainKeys()
        try object(depth: depth) { state, key in
            switch key {
            case "metadata":
                try seen.insert(1)
                guard try !state.nullOrObject() else { return }
                var metaSeen = PlainKeys()
                try state.object(depth: depth + 1) { state, key in
                    guard key == "labels" else { return try state.skipOrCheck(key, in: .metadata, depth: depth + 2) }
                    try metaSeen.insert(1)
                    template.labels = try state.stringMap(depth: depth + 2)
                }
            case "spec": try seen.insert(2); template.spec = try state.plainSpec(depth: depth + 1)
            default: try state.checkValue(depth: depth + 1)
            }
        }
        for (key, value) in template.labels where LabelValidation.keyProblem(key) != nil || LabelValidation.valueProblem(value) != nil {
            throw PlainPodReader.NotPlain()
        }
        return template
    }
}
