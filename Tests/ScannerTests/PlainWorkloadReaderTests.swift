import BulkheadCore
@testable import BulkheadScanner
import Foundation
import Testing

/// The plain-workload path must give exactly what the generic path gives, or give up.
@Suite struct PlainWorkloadReaderTests {
    static let deployment = #"""
    {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web", "namespace": "shop", "labels": {"app": "web", "env": "prod"}, "annotations": {"deployment.kubernetes.io/revision": "1"},
                     "managedFields": [{"manager": "kubectl"}], "uid": "d-1", "generation": 3},
        "spec": {
            "replicas": 3,
            "selector": {"matchLabels": {"app": "web"}},
            "strategy": {"type": "RollingUpdate"},
            "template": {
                "metadata": {"labels": {"app": "web", "tier": "frontend"}, "annotations": {"a": "b"}, "creationTimestamp": null},
                "spec": {
                    "containers": [{"name": "web", "image": "web:1", "ports": [{"containerPort": 8080, "name": "http", "protocol": "TCP"}], "env": [{"name": "X"}]}],
                    "initContainers": [{"name": "mesh", "image": "mesh:2", "restartPolicy": "Always", "ports": [{"containerPort": 15001}]}],
                    "volumes": [{"name": "v"}]
                }
            }
        },
        "status": {"replicas": 3, "conditions": [{"type": "Available"}]}
    }
    """#

    static let replicaSet = deployment.replacingOccurrences(of: #""kind": "Deployment""#, with: #""kind": "ReplicaSet""#)
        .replacingOccurrences(of: #""uid": "d-1""#, with: #""uid": "rs-1", "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "web", "controller": true, "uid": "d-1"}]"#)

    static let cronJob = #"""
    {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "nightly", "namespace": "batch"},
     "spec": {"schedule": "0 3 * * *", "jobTemplate": {"metadata": {"labels": {"x": "y"}},
       "spec": {"backoffLimit": 2, "template": {"metadata": {"labels": {"app": "nightly"}}, "spec": {"containers": [{"name": "job", "image": "job:1"}], "restartPolicy": "Never"}}}}}}
    """#

    static func generic(_ bytes: [UInt8]) -> (workloads: [Workload], clean: Bool) {
        let reader = ObjectReader(defaultNamespace: "default", file: "in.json")
        var objects = RawObjects()
        guard let value = try? JSONReader().parseItem(bytes, at: JSONReader.ItemSpan(start: 0, line: 1)) else { return ([], false) }
        let errors = reader.read(value, document: 1, line: value.line ?? 1, into: &objects)
        return (objects.workloads, errors.isEmpty && objects.diagnostics.isEmpty && objects.workloads.count == 1)
    }

    static func plain(_ bytes: [UInt8]) -> Workload? {
        bytes.withUnsafeBufferPointer {
            PlainWorkloadReader.readAndEnd($0, at: JSONReader.ItemSpan(start: 0, line: 1), defaultNamespace: "default", file: "in.json",
                                           defaults: nil)?.workload
        }
    }

    /// Nil when the plain path gave up; otherwise whether it agreed with the generic path.
    static func agree(_ bytes: [UInt8]) -> Bool? {
        guard let fast = plain(bytes) else { return nil }
        let slow = generic(bytes)
        return slow.clean && slow.workloads[0] == fast
    }

    @Test(arguments: [("Deployment", deployment), ("ReplicaSet", replicaSet), ("CronJob", cronJob)])
    func kubectlWorkloadsAreReadOnThePlainPathAsTheGenericPathReadsThem(_ kind: String, _ text: String) throws {
        #expect(Self.agree(Array(text.utf8)) == true, "\(kind)")
        let workload = try #require(Self.plain(Array(text.utf8)))
        #expect(workload.ref.kind == kind)
        #expect(!workload.templateLabels.isEmpty && !workload.containers.isEmpty)
    }

    @Test func replicaSetsNameTheirDeployment() throws {
        let workload = try #require(Self.plain(Array(Self.replicaSet.utf8)))
        #expect(workload.owner == WorkloadRef(namespace: "shop", name: "web", kind: "Deployment"))
        #expect(workload.ports.map(\.number) == [8080, 15001])
        #expect(workload.containers.map(\.name) == ["mesh", "web"], "init containers first, as the generic reader lists them")
    }

    static let variants: [(String, String, Bool)] = [
        (#""replicas": 3"#, #""replicas": null"#, true),
        (#""replicas": 3"#, #""replicas": 3.0"#, false),
        (#""replicas": 3"#, #""replicas": "3""#, false),
        (#""kind": "Deployment""#, #""kind": "StatefulSet""#, true),
        (#""kind": "Deployment""#, #""kind": "Pod""#, false),
        (#""apiVersion": "apps/v1""#, #""apiVersion": "batch/v1""#, false),
        (#""tier": "frontend""#, #""tier": "front end""#, false),
        (#""labels": {"app": "web", "tier": "frontend"}"#, #""labels": null"#, true),
        (#""creationTimestamp": null"#, #""creationTimestamp": null, "managedFields": [{"bad": "\x"}]"#, true),
        (#""image": "web:1""#, #""image": 1"#, false),
        (#""containerPort": 8080, "#, #""#, false),
        (#""template": {"#, #""template": null, "x": {"#, false),
        (#""restartPolicy": "Always""#, #""restartPolicy": "Never""#, true),
        (#""strategy": {"type": "RollingUpdate"}"#, #""strategy": {"type": "bad \x"}"#, false),
        (#""env": [{"name": "X"}]"#, #""env": [{"name": "bad \x"}]"#, true),
        (#""generation": 3"#, #""generation": 3, "generation": 4"#, true),
        (#""replicas": 3,"#, #""replicas": 3, "replicas": 4,"#, false),
    ]

    @Test(arguments: variants)
    func variantsAreReadAlikeOrLeftToTheGenericPath(_ original: String, _ replacement: String, _ plain: Bool) {
        #expect(Self.deployment.contains(original), "the variant must change something")
        let outcome = Self.agree(Array(Self.deployment.replacingOccurrences(of: original, with: replacement).utf8))
        #expect(outcome != false, "the plain path read it differently: \(replacement)")
        #expect((outcome == true) == plain, "plain path \(outcome == nil ? "gave up" : "read it"): \(replacement)")
    }

    @Test func mutatedWorkloadsAreReadAlikeOrLeftToTheGenericPath() {
        let read = plainPathMutants(of: [Self.deployment, Self.replicaSet, Self.cronJob], each: 1500, seed: 20261202, agree: Self.agree)
        #expect(read > 300, "\(read) mutants read on the plain path")
    }
}
