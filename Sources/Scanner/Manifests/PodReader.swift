import BulkheadCore

/// Reads pods, pod templates, workloads and services.
enum PodReader {
    /// Container ports of regular containers and of sidecars (init containers that keep running).
    /// An entry without containerPort (a misspelt key, say) is skipped with a warning: it
    /// can never match a rule, and the rest of the object is still worth reading.
    static func ports(_ podSpec: Field?, warnings: inout [InputError]) throws -> [ContainerPort] {
        guard let podSpec else { return [] }
        var result: [ContainerPort] = []
        var containers = try podSpec.array("containers")
        containers += try podSpec.array("initContainers").filter { try $0.string("restartPolicy") == "Always" }
        for container in containers {
            for port in try container.array("ports") {
                guard let numberField = port.child("containerPort") else {
                    let keys = ((try? port.object()) ?? [:]).keys.sorted().joined(separator: ", ")
                    warnings.append(port.fail("containerPort is missing (keys: \(keys)); this port entry is ignored"))
                    continue
                }
                let number = try numberField.int()
                guard (1...65535).contains(number) else { throw numberField.fail("containerPort \(number) must be between 1 and 65535") }
                var proto = L4Protocol.tcp
                if let p = port.child("protocol") {
                    let text = try p.string()
                    guard let parsed = L4Protocol(rawValue: text) else { throw p.fail("unsupported protocol '\(text)'") }
                    proto = parsed
                }
                result.append(ContainerPort(name: try port.string("name"), number: number, proto: proto))
            }
        }
        return result
    }

    static func containers(_ podSpec: Field?) throws -> [ContainerInfo] {
        guard let podSpec else { return [] }
        return try (podSpec.array("initContainers") + podSpec.array("containers")).map {
            ContainerInfo(name: try $0.string("name") ?? "", image: try $0.string("image") ?? "")
        }
    }

    static func pod(_ object: Field, meta: Metadata, warnings: inout [InputError]) throws -> RawObjects.PodRecord {
        let spec = object.child("spec")
        let status = object.child("status")
        var ips: [IPAddress] = []
        if let status {
            var texts = try status.array("podIPs").compactMap { try $0.string("ip") }
            if texts.isEmpty, let single = try status.string("podIP") { texts = [single] }
            for text in texts {
                guard let ip = IPAddress(text) else { throw InputError("'\(text)' is not an IP address", path: "status.podIPs") }
                ips.append(ip)
            }
        }
        let pod = Pod(namespace: meta.namespace, name: meta.name, labels: meta.labels, ports: try ports(spec, warnings: &warnings),
                      ips: ips, hostNetwork: try spec?.bool("hostNetwork") ?? false, phase: try status?.string("phase"),
                      source: meta.source)
        return RawObjects.PodRecord(pod: pod, controller: meta.controller, hasStatus: status != nil,
                                    hostIP: try status?.string("hostIP"))
    }

    /// The pod template of a workload kind, and its replica count.
    static func workload(_ object: Field, kind: String, meta: Metadata, warnings: inout [InputError]) throws -> Workload {
        guard let spec = object.child("spec") else { throw InputError("spec is required", path: "spec") }
        var templateHolder = spec
        if kind == "CronJob" {
            guard let jobSpec = spec.child("jobTemplate")?.child("spec") else {
                throw spec.fail("jobTemplate.spec is required")
            }
            templateHolder = jobSpec
        }
        guard let template = templateHolder.child("template") else { throw templateHolder.fail("template is required") }
        let templateMeta = template.child("metadata")
        let labels = try templateMeta?.stringMap("labels") ?? [:]
        try Metadata.validate(labels: labels, in: templateMeta)
        let podSpec = template.child("spec")
        let ref = WorkloadRef(namespace: meta.namespace, name: meta.name, kind: kind)
        var owner: WorkloadRef?
        if let controller = meta.controller, !controller.kind.isEmpty {
            owner = WorkloadRef(namespace: meta.namespace, name: controller.name, kind: controller.kind)
        }
        var workload = Workload(ref: ref, templateLabels: labels, ports: try ports(podSpec, warnings: &warnings),
                                hostNetwork: try podSpec?.bool("hostNetwork") ?? false,
                                replicas: try spec.int("replicas"), owner: owner, source: meta.source)
        workload.containers = try containers(podSpec)
        return workload
    }

    static func service(_ object: Field, meta: Metadata) throws -> Service {
        let spec = object.child("spec")
        let type = try spec?.string("type") ?? "ClusterIP"
        let selector: [String: String]? = spec?.has("selector") == true ? try spec?.stringMap("selector") : nil
        var ports: [ServicePort] = []
        for port in try spec?.array("ports") ?? [] {
            guard let number = try port.int("port") else { throw port.fail("port is required") }
            var proto = L4Protocol.tcp
            if let p = try port.string("protocol") {
                guard let parsed = L4Protocol(rawValue: p) else { throw port.fail("unsupported protocol '\(p)'") }
                proto = parsed
            }
            var target: String?
            if let t = port.child("targetPort") {
                switch t.value {
                case let .string(s): target = s
                default: target = String(try t.int())
                }
            }
            ports.append(ServicePort(name: try port.string("name"), port: number, proto: proto, targetPort: target,
                                     nodePort: try port.int("nodePort")))
        }
        return Service(namespace: meta.namespace, name: meta.name, type: type, selector: selector, ports: ports,
                       source: meta.source)
    }
}
