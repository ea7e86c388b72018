import BulkheadCore
@testable import BulkheadScanner
import Foundation
import Testing

/// The plain-Pod path must give exactly what the generic path gives, or give up: every case
/// here (hand-picked shapes, then seeded byte-level mutations) is read both ways.
@Suite struct PlainPodReaderTests {
    /// A pod as `kubectl get pods -o json` prints it.
    static let kubectlPod = #"""
    {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "annotations": {"kubectl.kubernetes.io/restartedAt": "2026-11-01T10:00:00Z", "note": null},
            "creationTimestamp": "2026-11-01T10:00:00Z",
            "labels": {"app": "web", "pod-template-hash": "7d9f8c", "env": "prod"},
            "managedFields": [{"manager": "kubelet", "fieldsV1": {"f:metadata": {"f:labels": {".": {}}}}}],
            "name": "web-7d9f8c-abcde",
            "namespace": "shop",
            "ownerReferences": [{"apiVersion": "apps/v1", "blockOwnerDeletion": true, "controller": true, "kind": "ReplicaSet", "name": "web-7d9f8c", "uid": "u"}],
            "resourceVersion": "1",
            "uid": "p-1"
        },
        "spec": {
            "containers": [{"image": "web:1", "name": "web", "ports": [{"containerPort": 8080, "name": "http", "protocol": "TCP"}, {"containerPort": 53, "protocol": "UDP"}],
                            "resources": {"requests": {"cpu": "100m"}}, "env": [{"name": "A", "value": "\u00e9\n"}]}],
            "initContainers": [{"name": "proxy", "restartPolicy": "Always", "ports": [{"containerPort": 15001, "name": "proxy"}]},
                               {"name": "setup", "ports": [{"containerPort": 9}]}],
            "nodeName": "node-1",
            "volumes": [{"name": "v", "projected": {"sources": []}}]
        },
        "status": {
            "conditions": [{"type": "Ready", "status": "True"}],
            "hostIP": "192.168.0.1",
            "phase": "Running",
            "podIP": "10.0.0.1",
            "podIPs": [{"ip": "10.0.0.1"}, {"ip": "fd00::1"}]
        }
    }
    """#

    static func generic(_ bytes: [UInt8]) -> (pods: [RawObjects.PodRecord], clean: Bool) {
        let reader = ObjectReader(defaultNamespace: "default", file: "in.json")
        var objects = RawObjects()
        guard let value = try? JSONReader().parseItem(bytes, at: JSONReader.ItemSpan(start: 0, line: 1)) else { return ([], false) }
        let errors = reader.read(value, document: 1, line: value.line ?? 1, into: &objects)
        return (objects.pods, errors.isEmpty && objects.diagnostics.isEmpty && objects.pods.count == 1)
    }

    static func plain(_ bytes: [UInt8]) -> RawObjects.PodRecord? {
        bytes.withUnsafeBufferPointer {
            PlainPodReader.readAndEnd($0, at: JSONReader.ItemSpan(start: 0, line: 1), defaultNamespace: "default", file: "in.json",
                                      defaults: nil)?.pod
        }
    }

    static func same(_ a: RawObjects.PodRecord, _ b: RawObjects.PodRecord) -> Bool {
        a.pod == b.pod && a.controller?.kind == b.controller?.kind && a.controller?.name == b.controller?.name
            && a.hasStatus == b.hasStatus && a.hostIP == b.hostIP
    }

    /// Nil when the plain path gave up; otherwise whether it agreed with the generic path.
    static func agree(_ text: String) -> Bool? { agree(Array(text.utf8)) }

    static func agree(_ bytes: [UInt8]) -> Bool? {
        guard let fast = plain(bytes) else { return nil }
        let slow = generic(bytes)
        return slow.clean && same(fast, slow.pods[0])
    }

    @Test func aKubectlPodIsReadOnThePlainPathAsTheGenericPathReadsIt() throws {
        #expect(Self.agree(Self.kubectlPod) == true)
        let pod = try #require(Self.plain(Array(Self.kubectlPod.utf8)))
        #expect(pod.pod.ports.map(\.number) == [8080, 53, 15001], "sidecar ports after the containers'; plain init containers not")
        #expect(pod.pod.labels["env"] == "prod")
        #expect(pod.pod.ips.count == 2 && pod.hostIP == "192.168.0.1" && pod.controller?.name == "web-7d9f8c")
    }

    /// (what is changed, whether the plain path still reads it).
    static let variants: [(String, String, Bool)] = [
        (#""kind": "Pod""#, #""kind": "Service""#, false),
        (#""kind": "Pod""#, #""kind": null"#, false),
        (#""apiVersion": "v1""#, #""apiVersion": "apps/v1""#, false),
        (#""apiVersion": "v1""#, #""apiVersion": "v2""#, true),
        (#""namespace": "shop""#, #""namespace": """#, true),
        (#""namespace": "shop""#, #""namespace": null"#, true),
        (#""namespace": "shop""#, #""namespace": 7"#, false),
        (#""name": "web-7d9f8c-abcde""#, #""name": """#, false),
        (#""labels": {"app": "web", "pod-template-hash": "7d9f8c", "env": "prod"}"#, #""labels": null"#, true),
        (#""labels": {"app": "web", "pod-template-hash": "7d9f8c", "env": "prod"}"#, #""labels": {"app": null}"#, true),
        (#""labels": {"app": "web", "pod-template-hash": "7d9f8c", "env": "prod"}"#, #""labels": {"bad key!": "x"}"#, false),
        (#""labels": {"app": "web", "pod-template-hash": "7d9f8c", "env": "prod"}"#, #""labels": {"app": "a", "app": "b"}"#, true),
        (#""labels": {"app": "web", "pod-template-hash": "7d9f8c", "env": "prod"}"#, #""labels": {"app": 1}"#, false),
        (#""note": null"#, #""note": 5"#, false),
        (#""uid": "p-1""#, #""uid": 1"#, false),
        (#""controller": true"#, #""controller": false"#, true),
        (#""controller": true"#, #""controller": "yes""#, false),
        (#""kind": "ReplicaSet""#, #""kind": 3"#, false),
        (#""ownerReferences": ["#, #""ownerReferences": [7, "#, true),
        (#""ownerReferences": ["#, #""ownerReferences": [{"controller": true, "kind": "Job", "name": "j"}, {"controller": 9}, "#, true),
        (#""containerPort": 8080"#, #""containerPort": 8080.0"#, false),
        (#""containerPort": 8080"#, #""containerPort": 70000"#, false),
        (#""containerPort": 8080, "#, #""#, false),
        (#""protocol": "TCP""#, #""protocol": "ICMP""#, false),
        (#""protocol": "TCP""#, #""protocol": null"#, true),
        (#""restartPolicy": "Always""#, #""restartPolicy": "OnFailure""#, true),
        (#""restartPolicy": "Always""#, #""restartPolicy": 1"#, false),
        (#""hostIP": "192.168.0.1""#, #""hostIP": null, "hostNetwork": true"#, true),
        (#""nodeName": "node-1""#, #""nodeName": "node-1", "hostNetwork": true"#, true),
        (#""nodeName": "node-1""#, #""nodeName": "node-1", "hostNetwork": "yes""#, false),
        (#""podIPs": [{"ip": "10.0.0.1"}, {"ip": "fd00::1"}]"#, #""podIPs": []"#, true),
        (#""podIPs": [{"ip": "10.0.0.1"}, {"ip": "fd00::1"}]"#, #""podIPs": [7, {"ip": null}, {"other": 1}]"#, true),
        (#""podIPs": [{"ip": "10.0.0.1"}, {"ip": "fd00::1"}]"#, #""podIPs": [{"ip": "not an ip"}]"#, false),
        (#""podIP": "10.0.0.1""#, #""podIP": 5"#, true),
        (#""podIP": "10.0.0.1","#, #""podIP": 5, "podIPs": [], "x": 0,"#, false),
        (#""phase": "Running""#, #""phase": "Succeeded""#, true),
        (#""status": {"#, #""status": null, "x": {"#, true),
        (#""spec": {"#, #""spec": null, "x": {"#, true),
        (#""metadata": {"#, #""metadata": null, "x": {"#, false),
        (#""nodeName": "node-1""#, #""nodeName": "bad \x escape""#, false),
        (#""manager": "kubelet""#, #""manager": "bad \x escape""#, true),
        (#""value": "\u00e9\n""#, #""value": "bad \x escape""#, true),
        (#""resourceVersion": "1""#, #""resourceVersion": "1", "resourceVersion": "2""#, true),
        (#""namespace": "shop""#, #""namespace": "shop", "namespace": "other""#, false),
        (#""phase": "Running""#, #""phase": "Running", "phase": "Failed""#, false),
        (#""nodeName": "node-1""#, #""nodeName": "nöde-1""#, true),
    ]

    @Test(arguments: variants)
    func variantsAreReadAlikeOrLeftToTheGenericPath(_ original: String, _ replacement: String, _ plain: Bool) throws {
        #expect(Self.kubectlPod.contains(original), "the variant must change something")
        let text = Self.kubectlPod.replacingOccurrences(of: original, with: replacement)
        let outcome = Self.agree(text)
        #expect(outcome != false, "the plain path read it differently: \(replacement)")
        #expect((outcome == true) == plain, "plain path \(outcome == nil ? "gave up" : "read it"): \(replacement)")
    }

    /// Seeded byte-level mutations: whenever the plain path reads a mutant, it agrees.
    @Test func mutatedPodsAreReadAlikeOrLeftToTheGenericPath() {
        let read = plainPathMutants(of: [Self.kubectlPod], each: 3000, seed: 20261201, agree: Self.agree)
        #expect(read > 300, "the plain path should still read mutants that only touch unread fields (\(read))")
    }
}
