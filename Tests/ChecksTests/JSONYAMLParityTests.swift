import BulkheadCore
import BulkheadScanner
import Checks
import Foundation
import Testing

/// `kubectl get -o json` and YAML manifests must give the same objects: the JSON reader skips
/// fields for speed and reads Lists in parallel chunks, the YAML reader does neither.
@Suite struct JSONYAMLParityTests {
    static var inputs: [(name: String, yaml: String)] {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        let demo = root.appendingPathComponent("examples/demo")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: demo.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        var inputs = files.map { ("demo/\($0)", (try? String(contentsOf: demo.appendingPathComponent($0), encoding: .utf8)) ?? "") }
        for check in Catalogue.all {
            for example in check.metadata.compliant + check.metadata.violating {
                inputs.append(("\(check.metadata.id) \(example.name)", example.manifest))
            }
        }
        // Names the JSON reader skips in some places, used where users choose the keys.
        let names = ["managedFields", "conditions", "containerStatuses", "volumes", "tolerations", "affinity", "env", "envFrom",
                     "command", "args", "resources", "volumeMounts", "livenessProbe", "lifecycle"]
        let map = "{" + names.map { "\($0): x" }.joined(separator: ", ") + "}"
        inputs.append(("user keys named like skipped fields", """
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: a, labels: \(map), annotations: \(map)}
        spec: {containers: [{name: c, ports: [{containerPort: 80}]}], nodeSelector: \(map)}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: np, namespace: a}
        spec: {podSelector: {matchLabels: \(map)}, ingress: [{from: [{namespaceSelector: {matchLabels: \(map)}}]}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: s, namespace: a}
        spec: {selector: \(map), ports: [{port: 80}]}
        """))
        return inputs
    }

    /// The same text as one JSON List, as `kubectl get -o json` would print it.
    static func asJSONList(_ yaml: String) throws -> String {
        let items = try YAMLReader.split(yaml).map { try YAMLReader.parse($0) }.filter { !$0.isNull }
        let list = Value.object(["apiVersion": .string("v1"), "kind": .string("List"), "items": .array(items, line: 0)], line: 0)
        return String(decoding: JSONWriter.write(list), as: UTF8.self)
    }

    /// Every object with its source location left out (lines differ between the two texts).
    static func expectSame(_ a: RawObjects, _ b: RawObjects, _ name: String) {
        func strip<T>(_ items: [T], _ source: WritableKeyPath<T, BulkheadCore.SourceLocation>) -> [T] {
            items.map { var item = $0; item[keyPath: source] = .unknown; return item }
        }
        #expect(strip(a.namespaces, \.source) == strip(b.namespaces, \.source), "\(name)")
        #expect(strip(a.pods.map(\.pod), \.source) == strip(b.pods.map(\.pod), \.source), "\(name)")
        #expect(a.pods.map { "\($0.controller.map { "\($0.kind)/\($0.name)" } ?? "-") \($0.hasStatus) \($0.hostIP ?? "-")" }
                == b.pods.map { "\($0.controller.map { "\($0.kind)/\($0.name)" } ?? "-") \($0.hasStatus) \($0.hostIP ?? "-")" }, "\(name)")
        #expect(strip(a.workloads, \.source) == strip(b.workloads, \.source), "\(name)")
        #expect(strip(a.services, \.source) == strip(b.services, \.source), "\(name)")
        #expect(strip(a.policies, \.source) == strip(b.policies, \.source), "\(name)")
        #expect(strip(a.adminPolicies, \.source) == strip(b.adminPolicies, \.source), "\(name)")
        #expect(strip(a.foreignPolicies, \.source) == strip(b.foreignPolicies, \.source), "\(name)")
    }

    @Test func jsonListsAndYAMLManifestsGiveTheSameObjects() throws {
        let inputs = Self.inputs
        #expect(inputs.count > 50)
        for (name, yaml) in inputs {
            let fromYAML = ManifestLoader().load(text: yaml, name: "in.yaml")
            guard fromYAML.errors.isEmpty else { continue }
            let fromJSON = ManifestLoader().load(text: try Self.asJSONList(yaml), name: "in.json")
            #expect(fromJSON.errors.isEmpty, "\(name): \(fromJSON.errors)")
            Self.expectSame(fromJSON.objects, fromYAML.objects, name)
        }
    }
}
