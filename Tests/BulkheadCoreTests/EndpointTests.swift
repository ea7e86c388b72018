import BulkheadCore
import Testing

/// Semantics notes §3 and pitfalls 12, 13, 24: which pods are endpoints, and how workloads stand for them.
@Suite struct EndpointTests {
    static let hostNetwork = Fixture.pods("""
    apiVersion: v1
    kind: Pod
    metadata: {name: agent, namespace: a, labels: {app: agent}}
    spec: {hostNetwork: true, containers: [{name: c, image: x}]}
    status: {phase: Running, hostIP: 192.168.1.7, podIP: 192.168.1.7}
    ---
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {name: p, namespace: a}
    spec:
      podSelector: {}
      ingress:
      - from: [{podSelector: {}}]
    """)

    @Test func hostNetworkPodsAreInvisibleToSelectorsByDefault() {
        let h = Harness(Self.hostNetwork)
        #expect(!h.isolated("a/agent", .ingress))
        #expect(h.conn("a/agent", "a/db") == "No Connections")
        #expect(h.conn("a/plain", "a/db") == "All Connections")
    }

    @Test func hostNetworkPodsCanBeSelectedInTheOtherModel() {
        let h = Harness(Self.hostNetwork, options: ModelOptions(hostNetworkPodsSelectable: true))
        #expect(h.isolated("a/agent", .ingress))
        #expect(h.conn("a/agent", "a/db") == "All Connections")
    }

    @Test func terminalAndUnscheduledPodsAreNotEndpoints() {
        let h = Harness(Fixture.pods("""
        apiVersion: v1
        kind: Pod
        metadata: {name: done, namespace: a}
        spec: {containers: [{name: c, image: x}]}
        status: {phase: Succeeded, hostIP: 192.168.1.5, podIP: 10.1.1.1}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: pending, namespace: a}
        spec: {containers: [{name: c, image: x}]}
        status: {phase: Pending}
        """))
        #expect(h.state.excludedPods.map(\.name) == ["done", "pending"])
        #expect(!h.mapLines.contains { $0.contains("done") || $0.contains("pending") })
    }

    @Test func workloadTemplatesStandForTheirPodsAndReplicasCollapse() {
        let h = Harness("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec:
          replicas: 0
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec: {containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: report, namespace: shop}
        spec:
          schedule: "@daily"
          jobTemplate:
            spec:
              template:
                metadata: {labels: {app: report}}
                spec: {containers: [{name: c, image: x}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: api}}
          ingress:
          - from: [{podSelector: {matchLabels: {app: report}}}]
            ports: [{port: 8080}]
        """)
        #expect(h.mapLines.contains("shop/report[CronJob] => shop/api[Deployment] : TCP 8080"))
        #expect(!h.mapLines.contains { $0.hasPrefix("shop/api[Deployment] => shop/api") })
    }

    @Test func podsOfAReplicaSetOwnedByADeploymentCountAsTheDeployment() {
        let h = Harness("""
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: api-5d8f
          namespace: shop
          ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: api, controller: true, uid: u1}]
        spec:
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec: {containers: [{name: c, image: x}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: api-5d8f-x1
          namespace: shop
          labels: {app: api}
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: api-5d8f, controller: true, uid: u2}]
        spec: {containers: [{name: c, image: x}]}
        status: {phase: Running, hostIP: 192.168.0.2, podIP: 10.0.0.2}
        """)
        #expect(h.state.pods.count == 1)
        #expect(h.state.pods.first?.owner == WorkloadRef(namespace: "shop", name: "api", kind: "Deployment"))
    }

    @Test func podsWithDriftingLabelsInOneWorkloadAreUnioned() {
        // Pitfall 24: replicas of one owner with different labels; the workload line is the union.
        let h = Harness("""
        apiVersion: v1
        kind: Pod
        metadata:
          name: w-1
          namespace: shop
          labels: {app: w, canary: "true"}
          ownerReferences: [{kind: ReplicaSet, name: w, controller: true}]
        spec: {containers: [{name: c, image: x}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: w-2
          namespace: shop
          labels: {app: w}
          ownerReferences: [{kind: ReplicaSet, name: w, controller: true}]
        spec: {containers: [{name: c, image: x}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: db, namespace: shop, labels: {app: db}}
        spec: {containers: [{name: c, image: x}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: db}}
          ingress:
          - from: [{podSelector: {matchLabels: {canary: "true"}}}]
            ports: [{port: 5432}]
        """)
        #expect(h.mapLines.contains("shop/w[ReplicaSet] => shop/db[Pod] : TCP 5432"))
        let pods = ConnectivityMap.compute(h.engine, granularity: .pods).lines
        #expect(pods.contains("shop/w-1[Pod] => shop/db[Pod] : TCP 5432"))
        #expect(!pods.contains { $0.hasPrefix("shop/w-2[Pod] => shop/db[Pod]") })
    }
}
