import BulkheadCore
import BulkheadScanner

/// Builds an engine from YAML so that each semantics test reads like the manifests it is about.
struct Harness {
    let state: ClusterState
    let engine: PolicyEngine

    init(_ yaml: String, options: ModelOptions = .standard, file: String = "test.yaml") {
        let result = ManifestLoader().load(text: yaml, name: file)
        precondition(result.errors.isEmpty, "test manifest does not load: \(result.errors)")
        state = result.clusterState()
        engine = PolicyEngine(cluster: state, options: options)
    }

    func pod(_ ref: String) -> Pod {
        guard let pod = Explanation.findPod(ref, in: state) else { fatalError("no pod \(ref)") }
        return pod
    }

    /// Allowed connections between two workloads or pods, in the corpus notation.
    func conn(_ from: String, _ to: String) -> String {
        engine.allowedConnections(from: pod(from), to: pod(to)).description
    }

    func egress(_ from: String, to address: String) -> String {
        engine.allowedConnections(from: pod(from), to: IPAddress(address)!).description
    }

    func ingress(from address: String, _ to: String) -> String {
        engine.allowedConnections(from: IPAddress(address)!, to: pod(to)).description
    }

    func isolated(_ ref: String, _ direction: Direction) -> Bool { engine.isIsolated(pod(ref), direction) }

    var mapLines: [String] { ConnectivityMap.compute(engine).lines }
}

/// Two namespaces, `a` and `b`, with pods whose labels and ports the tests refer to.
enum Fixture {
    static func pods(_ extra: String = "") -> String {
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: a, labels: {team: a}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: b, labels: {team: b}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: a, labels: {app: web, tier: front}}
        spec:
          containers:
          - name: c
            image: x
            ports:
            - {name: http, containerPort: 80}
            - {name: dns, containerPort: 53, protocol: UDP}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: db, namespace: a, labels: {app: db}}
        spec:
          containers:
          - name: c
            image: x
            ports:
            - {name: http, containerPort: 8080}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: plain, namespace: a}
        spec: {containers: [{name: c, image: x}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: b, labels: {app: web}}
        spec: {containers: [{name: c, image: x}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: client, namespace: b, labels: {app: client}}
        spec: {containers: [{name: c, image: x}]}
        \(extra.isEmpty ? "" : "---\n" + extra)
        """
    }
}
