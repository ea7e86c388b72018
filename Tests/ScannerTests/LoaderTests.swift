import BulkheadCore
import BulkheadScanner
import Foundation
import Testing

@Suite struct LoaderTests {
    func load(_ text: String, name: String = "in.yaml", namespace: String = "default") -> LoadResult {
        ManifestLoader(defaultNamespace: namespace).load(text: text, name: name)
    }

    @Test func multiDocumentYAMLWithCommentsAndEmptyDocuments() {
        let r = load("""
        # leading comment
        ---
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: a}
        ...
        ---
        # only a comment
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: b}
        """)
        #expect(r.errors.isEmpty)
        #expect(r.objects.namespaces.map(\.name) == ["a", "b"])
        #expect(r.objects.namespaces.map(\.source.line) == [4, 11])
    }

    @Test func crlfLineEndings() {
        let r = load("---\r\napiVersion: v1\r\nkind: Namespace\r\nmetadata:\r\n  name: a\r\n---\r\napiVersion: v1\r\nkind: Namespace\r\nmetadata:\r\n  name: b\r\n")
        #expect(r.errors.isEmpty)
        #expect(r.objects.namespaces.map(\.name) == ["a", "b"])
    }

    @Test func kubectlListDumpsInYAMLAndJSON() {
        let yaml = load("""
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Namespace
          metadata: {name: a}
        - apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: p, namespace: a}
          spec: {podSelector: {}}
        """)
        #expect(yaml.errors.isEmpty)
        #expect(yaml.objects.policies.count == 1 && yaml.objects.namespaces.count == 1)

        // The API's own lists omit kind and apiVersion on items.
        let json = load("""
        {"apiVersion": "v1", "kind": "PodList", "items": [
          {"metadata": {"name": "p1", "namespace": "x", "labels": {"app": "a"}},
           "spec": {"containers": [{"name": "c", "ports": [{"containerPort": 80, "name": "http"}]}]},
           "status": {"phase": "Running", "hostIP": "10.0.0.1", "podIP": "10.1.0.1"}}
        ]}
        """, name: "pods.json")
        #expect(json.errors.isEmpty)
        #expect(json.objects.pods.first?.pod.ips == [IPAddress("10.1.0.1")!])
        #expect(json.objects.pods.first?.pod.ports == [ContainerPort(name: "http", number: 80)])
    }

    @Test func workloadTemplatesOfEveryKind() {
        let kinds = [("apps/v1", "Deployment"), ("apps/v1", "StatefulSet"), ("apps/v1", "DaemonSet"), ("apps/v1", "ReplicaSet"),
                     ("v1", "ReplicationController"), ("batch/v1", "Job")]
        var text = kinds.map { api, kind in
            """
            apiVersion: \(api)
            kind: \(kind)
            metadata: {name: \(kind.lowercased()), namespace: w}
            spec:
              template:
                metadata: {labels: {kind: \(kind.lowercased())}}
                spec: {containers: [{name: c, image: x}]}
            """
        }
        text.append("""
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: cron, namespace: w}
        spec:
          schedule: "* * * * *"
          jobTemplate:
            spec:
              template:
                metadata: {labels: {kind: cronjob}}
                spec: {containers: [{name: c, image: x}]}
        """)
        let r = load(text.joined(separator: "\n---\n"))
        #expect(r.errors.isEmpty)
        let state = r.clusterState()
        #expect(state.pods.count == 7)
        #expect(Set(state.pods.map { $0.labels["kind"] ?? "" }) == Set(kinds.map { $0.1.lowercased() } + ["cronjob"]))
        #expect(state.pods.allSatisfy { $0.fromTemplate })
    }

    @Test func impliedNamespacesAndTheDefaultNamespace() {
        let r = load("""
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec: {containers: [{name: c, image: x}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: np, namespace: other}
        spec: {podSelector: {}}
        """, namespace: "team")
        let state = r.clusterState()
        #expect(state.pods.first?.namespace == "team")
        #expect(state.namespaces["team"]?.declared == false)
        #expect(state.namespaces["other"]?.labels["kubernetes.io/metadata.name"] == "other")
        #expect(state.diagnostics.contains { $0.message.contains("Namespace other is not declared") })
    }

    @Test func defaultingOfProtocolsAndPolicyTypes() throws {
        let r = load("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: np, namespace: a}
        spec:
          podSelector: {}
          egress:
          - ports: [{port: 53}, {protocol: UDP, port: 53}]
        """)
        let policy = try #require(r.objects.policies.first)
        #expect(policy.egress[0].ports.map(\.proto) == [.tcp, .udp])
        #expect(policy.policyTypes == [.ingress, .egress])
        #expect(policy.declaredPolicyTypes == nil)
    }

    @Test func aBrokenDocumentIsReportedWithItsLineAndTheOthersStillLoad() throws {
        let r = load("""
        apiVersion: v1
        kind: Namespace
        metadata: {name: a}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: bad, namespace: a}
        spec:
          podSelector: {}
          ingress:
          - ports:
            - port: 70000
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: [unclosed
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: c}
        """, name: "cluster.yaml")
        #expect(r.objects.namespaces.map(\.name) == ["a", "c"])
        #expect(r.errors.count == 2)
        let policyError = try #require(r.errors.first)
        #expect(policyError.file == "cluster.yaml" && policyError.document == 2)
        #expect(policyError.line == 12)
        #expect(policyError.description.contains("spec.ingress[0].ports[0].port"))
        #expect(policyError.description.contains("NetworkPolicy a/bad"))
        let yamlError = try #require(r.errors.last)
        #expect(yamlError.document == 3 && yamlError.line >= 16 && yamlError.line <= 17)
        #expect(yamlError.description.contains("invalid YAML"))

        // The unreadable policy makes namespace a's NetworkPolicy kind unreadable: never a silent pass.
        let state = r.clusterState()
        #expect(state.isUnreadable("NetworkPolicy", namespace: "a"))
        #expect(!state.isUnreadable("NetworkPolicy", namespace: "c"))
    }

    @Test func invalidJSONNamesTheLine() throws {
        let r = load("{\n  \"kind\": \"Namespace\",\n  \"metadata\": {\"name\": \"a\",}\n}", name: "ns.json")
        let error = try #require(r.errors.first)
        #expect(error.line == 3)
        #expect(error.description.hasPrefix("ns.json:3: document 1"))
    }

    @Test(arguments: [
        ("{podSelector: {}, policyTypes: [Sideways]}", "must be Ingress or Egress"),
        ("{podSelector: {}, ingress: [{from: [{}]}]}", "must specify a peer"),
        ("{podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]}]}", "ipBlock together"),
        ("{podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [11.0.0.0/16]}}]}]}", "strict subset"),
        ("{podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.0.0.0/8]}}]}]}", "strict subset"),
        ("{podSelector: {}, ingress: [{ports: [{port: http, endPort: 90}]}]}", "non-numeric"),
        ("{podSelector: {}, ingress: [{ports: [{endPort: 90}]}]}", "port is not specified"),
        ("{podSelector: {}, ingress: [{ports: [{port: 90, endPort: 80}]}]}", "greater than or equal"),
        ("{podSelector: {}, ingress: [{ports: [{port: '80'}]}]}", "not a valid port name"),
        ("{podSelector: {}, ingress: [{ports: [{protocol: ICMP}]}]}", "unsupported protocol"),
        ("{podSelector: {matchExpressions: [{key: app, operator: In}]}}", "values must be non-empty"),
        ("{podSelector: {matchExpressions: [{key: app, operator: Exists, values: [a]}]}}", "values must be empty"),
        ("{podSelector: {matchExpressions: [{key: app, operator: Equals, values: [a]}]}}", "not a valid operator"),
        ("{podSelector: {matchLabels: {'bad key!': x}}}", "label key"),
    ])
    func invalidPoliciesAreRejectedAsTheApiserverWould(_ spec: String, _ message: String) throws {
        let r = load("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np, namespace: a}\nspec: \(spec)\n")
        let error = try #require(r.errors.first, "accepted: \(spec)")
        #expect(error.description.contains(message), "\(error)")
        #expect(r.objects.policies.isEmpty)
    }

    /// The JSON reader skips fields Bulkhead never reads (managedFields, probes, env…) only
    /// where the API puts them: a label, annotation or selector key called `env`, `command` or
    /// `resources` is read like any other (it was once dropped, so `matchLabels: {env: prod}`
    /// selected every pod).
    @Test func jsonSkipsUnreadFieldsOnlyWhereTheAPIPutsThem() throws {
        let keys = ["env", "command", "args", "resources", "volumes", "conditions", "managedFields", "volumeMounts", "affinity"]
        let labels = "{" + keys.map { #""\#($0)": "x""# }.joined(separator: ", ") + "}"
        let json = #"""
        {"apiVersion": "v1", "kind": "List", "items": [
         {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "np", "namespace": "a", "labels": \#(labels)},
          "spec": {"podSelector": {"matchLabels": \#(labels)}, "policyTypes": ["Ingress"]}},
         {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "a", "labels": \#(labels), "annotations": \#(labels),
          "managedFields": [{"manager": "kubectl"}]},
          "spec": {"containers": [{"name": "c", "env": [{"name": "A"}], "command": ["sh"], "ports": [{"containerPort": 80}]}], "volumes": [{"name": "v"}]},
          "status": {"phase": "Running", "conditions": [{"type": "Ready"}]}},
         {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s", "namespace": "a"}, "spec": {"selector": \#(labels), "ports": [{"port": 80}]}}
        ]}
        """#
        let fromJSON = load(json, name: "list.json")
        // A leading comment makes the same text go through the YAML reader, which skips nothing.
        let fromYAML = load("# the same objects\n" + json, name: "list.yaml")
        #expect(fromJSON.errors.isEmpty && fromYAML.errors.isEmpty, "\(fromJSON.errors) \(fromYAML.errors)")
        let expected = Dictionary(uniqueKeysWithValues: keys.map { ($0, "x") })
        #expect(fromJSON.objects.pods.first?.pod.labels == expected)
        #expect(fromJSON.objects.services.first?.selector == expected)
        #expect(fromJSON.objects.policies.first?.podSelector.matchLabels == expected)
        #expect(fromJSON.objects.pods.first?.pod.ports.map(\.number) == [80])
        #expect(fromJSON.objects.pods.map(\.pod.labels) == fromYAML.objects.pods.map(\.pod.labels))
        #expect(fromJSON.objects.policies.map(\.podSelector) == fromYAML.objects.policies.map(\.podSelector))
        #expect(fromJSON.objects.services.map(\.selector) == fromYAML.objects.services.map(\.selector))
    }

    /// With several bad entries, the error names the first in key order: the same input gives
    /// the same message in every run (dictionary order is seeded per process).
    @Test func theFirstBadLabelInKeyOrderIsReported() throws {
        let keys = (0..<12).map { "k\($0)!" }
        let labels = keys.reversed().map { "'\($0)': x" }.joined(separator: ", ")
        let r = load("apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {\(labels)}}\n")
        #expect(try #require(r.errors.first).description.contains("labels.k0!"), "\(r.errors)")
        let values = keys.map { "\($0.dropLast()): [\($0.count)]" }.joined(separator: ", ")
        let v = load("apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {\(values)}}\n")
        #expect(try #require(v.errors.first).description.contains("labels.k0"), "\(v.errors)")
        let selector = load("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np, namespace: a}\nspec: {podSelector: {matchLabels: {\(labels)}}}\n")
        #expect(try #require(selector.errors.first).description.contains("matchLabels.k0!"), "\(selector.errors)")
    }

    /// Large Lists are read in chunks on several threads: the result must be what reading the
    /// items one after another gives, whatever the chunking.
    @Test(arguments: [1, 2, 63, 64, 65, 500])
    func listsReadInChunksKeepInputOrderAndItemsWithoutKind(_ count: Int) {
        let items = (0..<count).map { i in
            i % 3 == 0 ? #"{"metadata": {"name": "p\#(i)", "namespace": "ns\#(i % 7)"}, "spec": {"containers": [{"name": "c"}]}}"#
                       : #"{"kind": "Namespace", "metadata": {"name": "ns-\#(i)"}}"#
        }
        let r = load(#"{"apiVersion": "v1", "items": [\#n"# + items.joined(separator: ",\n") + #"\#n], "kind": "PodList"}"#, name: "list.json")
        #expect(r.errors.isEmpty, "\(r.errors)")
        #expect(r.objects.namespaces.map(\.name) == (0..<count).filter { $0 % 3 != 0 }.map { "ns-\($0)" })
        #expect(r.objects.pods.map(\.pod.name) == (0..<count).filter { $0 % 3 == 0 }.map { "p\($0)" })
        #expect(r.objects.pods.map(\.pod.source.line) == (0..<count).filter { $0 % 3 == 0 }.map { $0 + 2 }, "each item's own line")
    }

    /// A control character is caught while the items are split, a bad escape only when the
    /// item is parsed in its chunk: either way the first error in input order is reported.
    @Test(arguments: [0, 99, 150, 299], [("\u{01}", "control character"), (#"\x"#, "invalid escape")])
    func aBrokenItemInALargeListIsReportedAtItsLine(_ broken: Int, _ flaw: (text: String, message: String)) throws {
        let items = (0..<300).map { i in
            i == broken ? #"{"kind": "Namespace", "metadata": {"name": "bad\#(flaw.text)"}}"# : #"{"kind": "Namespace", "metadata": {"name": "ns-\#(i)\#(i == broken + 1 ? "\\x" : "")"}}"#
        }
        let r = load(#"{"kind": "List", "items": [\#n"# + items.joined(separator: ",\n") + "\n]}", name: "list.json")
        let error = try #require(r.errors.first)
        #expect(r.errors.count == 1)
        #expect(error.line == broken + 2)
        #expect(error.description.contains(flaw.message), "\(error)")
        #expect(r.objects.namespaces.isEmpty, "a file that is not valid JSON yields nothing, as before")
    }

    /// The apiserver's label syntax (validation.IsQualifiedName and IsValidLabelValue); nil = accepted.
    @Test(arguments: [
        ("app", "web", nil),
        ("app.kubernetes.io/name", "web-1.2_x", nil),
        ("k8s.io/a", "", nil),
        ("a", String(repeating: "v", count: 63), nil),
        (String(repeating: "k", count: 63), "v", nil),
        ("a", String(repeating: "v", count: 64), "longer than 63 characters"),
        (String(repeating: "k", count: 64), "v", "must be 1–63 characters"),
        ("p/", "v", "must be 1–63 characters"),
        ("/name", "v", "is not a DNS subdomain"),
        ("Upper.Case/name", "v", "is not a DNS subdomain"),
        ("-x.io/name", "v", "is not a DNS subdomain"),
        ("a/b/c", "v", "more than one '/'"),
        ("-app", "v", "starting and ending with an alphanumeric"),
        ("app_", "v", "starting and ending with an alphanumeric"),
        ("ap p", "v", "must consist of alphanumerics"),
        ("app", "-v", "starting and ending with an alphanumeric"),
        ("app", "v.", "starting and ending with an alphanumeric"),
        ("app", "caf\u{E9}", "must consist of alphanumerics"),
        ("caf\u{E9}", "v", "must consist of alphanumerics"),
        ("app", String(repeating: "\u{E9}", count: 40), "must consist of alphanumerics"),
    ] as [(String, String, String?)])
    func labelSyntaxIsTheApiserversOwn(_ key: String, _ value: String, _ problem: String?) throws {
        let json = #"{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a", "labels": {"\#(key)": "\#(value)"}}}"#
        let r = load(json)
        if let problem {
            let error = try #require(r.errors.first, "accepted: \(key)=\(value)")
            #expect(error.description.contains(problem), "\(error)")
        } else {
            #expect(r.errors.isEmpty, "\(r.errors)")
        }
    }

    @Test func otherKindsAreCountedAndCalicoPoliciesAreNotReadAsKubernetesPolicies() {
        let r = load("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c, namespace: a}
        ---
        apiVersion: projectcalico.org/v3
        kind: NetworkPolicy
        metadata: {name: calico, namespace: a}
        spec: {selector: all()}
        """)
        #expect(r.errors.isEmpty)
        #expect(r.objects.policies.isEmpty)
        #expect(r.objects.ignoredKinds == ["ConfigMap": 1])
        #expect(r.objects.foreignPolicies.map(\.kind) == ["NetworkPolicy (namespaced)"], "read as a Calico policy, for coverage")
    }

    @Test func yamlScalarsResolveAsKubernetesToolsDo() {
        // go-yaml (YAML 1.1) reads an unquoted `on` as a boolean, so a label value must be quoted.
        let r = load("apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {enabled: on}}\n")
        #expect(r.errors.first?.description.contains("quote it") == true)
        let quoted = load("apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {enabled: \"on\", merged: x}}\n")
        #expect(quoted.errors.isEmpty)
    }

    @Test func aliasBombsAreRefused() {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...7 { text += "l\(i): &l\(i) [" + Array(repeating: "*\(i == 1 ? "a" : "l\(i - 1)")", count: 10).joined(separator: ", ") + "]\n" }
        let r = load(text)
        #expect(r.errors.first?.description.contains("alias bomb") == true)
    }

    @Test func directoriesAreReadRecursivelyInNameOrder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-loader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub/.hidden"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "apiVersion: v1\nkind: Namespace\nmetadata: {name: z}\n".write(to: dir.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        try "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"y\"}}".write(to: dir.appendingPathComponent("sub/a.json"), atomically: true, encoding: .utf8)
        try "not: scanned".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        try "apiVersion: v1\nkind: Namespace\nmetadata: {name: hidden}\n".write(to: dir.appendingPathComponent("sub/.hidden/c.yaml"), atomically: true, encoding: .utf8)
        let r = try ManifestLoader().load(paths: [dir.path])
        #expect(r.errors.isEmpty)
        #expect(r.objects.namespaces.map(\.name) == ["z", "y"])
        #expect(throws: ManifestLoader.PathError.self) { _ = try ManifestLoader().load(paths: [dir.appendingPathComponent("missing").path]) }
    }
}
