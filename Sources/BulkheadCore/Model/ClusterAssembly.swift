/// Raw objects as read, before pods are tied to workloads and namespaces are implied.
public struct RawObjects: Sendable {
    public struct PodRecord: Sendable {
        public var pod: Pod
        /// The controller ownerReference (kind may be empty when the manifest omits it).
        public var controller: (kind: String, name: String)?
        /// The object carried a `status` (it came from a cluster, not a hand-written manifest).
        public var hasStatus: Bool
        public var hostIP: String?

        public init(pod: Pod, controller: (kind: String, name: String)? = nil, hasStatus: Bool = false, hostIP: String? = nil) {
            self.pod = pod
            self.controller = controller
            self.hasStatus = hasStatus
            self.hostIP = hostIP
        }
    }

    public var namespaces: [Namespace] = []
    public var pods: [PodRecord] = []
    public var workloads: [Workload] = []
    public var services: [Service] = []
    public var policies: [NetworkPolicy] = []
    public var adminPolicies: [AdminPolicy] = []
    public var foreignPolicies: [ForeignPolicy] = []
    public var diagnostics: [Diagnostic] = []
    public var unreadable: [UnreadableKind] = []
    public var ignoredKinds: [String: Int] = [:]

    public init() {}

    public mutating func append(_ other: RawObjects) {
        namespaces += other.namespaces
        pods += other.pods
        workloads += other.workloads
        services += other.services
        policies += other.policies
        adminPolicies += other.adminPolicies
        foreignPolicies += other.foreignPolicies
        diagnostics += other.diagnostics
        unreadable += other.unreadable
        for (kind, count) in other.ignoredKinds { ignoredKinds[kind, default: 0] += count }
    }
}

extension ClusterState {
    /// Ties pods to the workloads that own them, lets templates stand for workloads without
    /// pods, implies namespaces that objects reference, and sorts everything stably.
    public static func assemble(_ raw: RawObjects, options: ModelOptions = .standard) -> ClusterState {
        var diagnostics = raw.diagnostics
        var namespaces: [String: Namespace] = [:]
        for ns in raw.namespaces {
            if namespaces[ns.name] != nil {
                diagnostics.append(Diagnostic(.warning, "Namespace \(ns.name) is declared more than once; the last one is used",
                                              source: ns.source))
            }
            namespaces[ns.name] = ns
        }

        let workloads = WorkloadRef.sorted(raw.workloads, by: \.ref)
        var workloadByRef: [WorkloadRef: Workload] = [:]
        for w in workloads { workloadByRef[w.ref] = w }

        // A ReplicaSet owned by a Deployment stands for the Deployment (as kubectl shows it).
        func topOwner(_ ref: WorkloadRef) -> WorkloadRef {
            var current = ref
            var seen: Set<WorkloadRef> = [current]
            while let owner = workloadByRef[current]?.owner, !seen.contains(owner) {
                seen.insert(owner)
                current = owner
            }
            return current
        }

        var pods: [Pod] = []
        var excluded: [ExcludedPod] = []
        var workloadsWithPods: Set<WorkloadRef> = []
        // Replicas share their controller: its top owner is found once.
        var topOwners: [WorkloadRef: WorkloadRef] = [:]
        for record in raw.pods {
            var pod = record.pod
            if let controller = record.controller, controller.kind != "Node" {
                let kind = controller.kind.isEmpty ? "Pod" : controller.kind
                let ref = WorkloadRef(namespace: pod.namespace, name: controller.name, kind: kind)
                if let known = topOwners[ref] {
                    pod.owner = known
                } else {
                    pod.owner = topOwner(ref)
                    topOwners[ref] = pod.owner
                    workloadsWithPods.insert(pod.owner)
                }
            } else {
                workloadsWithPods.insert(pod.owner)
            }
            if pod.isTerminal && !options.inactivePodsAreEndpoints {
                excluded.append(ExcludedPod(namespace: pod.namespace, name: pod.name,
                                            reason: "phase \(pod.phase ?? ""): not an endpoint (CNIs ignore terminal pods)"))
                continue
            }
            if record.hasStatus && (pod.ips.isEmpty || (record.hostIP ?? "").isEmpty) && !options.inactivePodsAreEndpoints {
                excluded.append(ExcludedPod(namespace: pod.namespace, name: pod.name,
                                            reason: "no node or IP assigned yet: not an endpoint"))
                continue
            }
            pods.append(pod)
        }

        for w in workloads where !workloadsWithPods.contains(w.ref) {
            // A ReplicaSet of a Deployment is covered by the Deployment's own template.
            if let owner = w.owner, workloadByRef[owner] != nil { continue }
            if workloadsWithPods.contains(topOwner(w.ref)) { continue }
            pods.append(Pod(namespace: w.ref.namespace, name: w.ref.name, labels: w.templateLabels, ports: w.ports,
                            hostNetwork: w.hostNetwork, owner: w.ref, fromTemplate: true, source: w.source))
        }

        var implied: Set<String> = []
        func need(_ name: String) { if namespaces[name] == nil { implied.insert(name) } }
        var previous: String?
        for i in pods.indices where pods[i].namespace != previous {
            need(pods[i].namespace)
            previous = pods[i].namespace
        }
        workloads.forEach { need($0.ref.namespace) }
        raw.services.forEach { need($0.namespace) }
        raw.policies.forEach { need($0.namespace) }
        for name in implied {
            namespaces[name] = Namespace(name: name, declared: false)
            diagnostics.append(Diagnostic(.info, "Namespace \(name) is not declared in the input; it was created because objects reference it",
                                          object: ObjectRef(kind: "Namespace", namespace: nil, name: name)))
        }

        // The owner's description is built once per pod, not once per comparison.
        let keys = pods.map { (namespace: $0.namespace, owner: $0.owner.description, name: $0.name) }
        pods = pods.indices.sorted { keys[$0] < keys[$1] }.map { pods[$0] }
        var state = ClusterState(
            namespaces: namespaces,
            pods: pods,
            workloads: workloads,
            services: raw.services.sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) },
            policies: raw.policies.sorted { ($0.namespace, $0.name, $0.source) < ($1.namespace, $1.name, $1.source) },
            // Admin tier first, by priority; the same priority keeps name order (the spec leaves it undefined).
            adminPolicies: raw.adminPolicies.sorted { ($0.tier == .admin ? 0 : 1, $0.priority, $0.name) < ($1.tier == .admin ? 0 : 1, $1.priority, $1.name) },
            excludedPods: excluded.sorted(),
            diagnostics: diagnostics.sorted(),
            unreadable: raw.unreadable.sorted(),
            ignoredKinds: raw.ignoredKinds
        )
        state.foreignPolicies = raw.foreignPolicies.sorted { ($0.namespace ?? "", $0.kind, $0.name) < ($1.namespace ?? "", $1.kind, $1.name) }
        return state
    }
}
