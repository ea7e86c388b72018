@testable import BulkheadScanner
import BulkheadCore
import Checks
import Foundation
import Testing

/// Live scans against the local HTTPS test server: every credential kind, real TLS, and the
/// same results as scanning the same objects as manifests.
@Suite(.serialized) struct LiveScanTests {
    static func results(_ state: ClusterState) -> [String] {
        let report = ScanPipeline().run(state, tool: ToolInfo(version: "t"), inputKind: "x", inputs: [], startedAt: "", finishedAt: "")
        return report.results.map { "\($0.checkID) \($0.subject) \($0.status.rawValue) \($0.message)" }
    }

    static func fetch(_ kubeconfig: String, tweak: (ClusterFetcher) -> Void = { _ in }) throws -> LiveResult {
        let connection = try ClusterConnection.make(.init(kubeconfig: kubeconfig, environment: [:]))
        let fetcher = ClusterFetcher(connection: connection)
        tweak(fetcher)
        return fetcher.fetch(identity: connection.identity)
    }

    /// Without a snapshot to keep, pages are read straight into the model: the objects, the
    /// identity and every result must be what the snapshot path gives.
    @Test func aLeanFetchReadsWhatTheSnapshotPathReads() throws {
        let pki = try TestPKI()
        let server = try TestAPIServer(pki: pki, fixture: LiveFixture.resources())
        let kubeconfig = try server.kubeconfig(user: "    token: \(TestAPIServer.token)")
        let kept = try Self.fetch(kubeconfig) { $0.pageSize = 3 }
        let lean = try Self.fetch(kubeconfig) { $0.pageSize = 3; $0.keepsSnapshot = false }
        #expect(kept.snapshot != nil && lean.snapshot == nil)
        #expect(lean.identity == kept.identity)
        #expect(lean.load.errors.map(\.description) == kept.load.errors.map(\.description))
        let a = lean.load.clusterState(source: .live), b = kept.load.clusterState(source: .live)
        #expect(a.pods == b.pods && a.workloads == b.workloads && a.services == b.services && a.policies == b.policies)
        #expect(a.adminPolicies == b.adminPolicies && a.foreignPolicies == b.foreignPolicies && a.namespaces == b.namespaces)
        #expect(a.diagnostics == b.diagnostics && a.unreadable == b.unreadable && a.ignoredKinds == b.ignoredKinds)
        #expect(Self.results(a) == Self.results(b))
        #expect(a.pods.count > 3, "several pages of pods")
    }

    @Test func clientCertificateScanGivesTheSameResultsAsManifests() throws {
        let pki = try TestPKI()
        let server = try TestAPIServer(pki: pki, fixture: LiveFixture.resources())
        let kubeconfig = try server.kubeconfig(user: "    client-certificate: \(pki.path("client.pem"))\n    client-key: \(pki.path("client-key.pem"))")
        let live = try Self.fetch(kubeconfig) { $0.pageSize = 3 }
        #expect(live.load.objects.unreadable.isEmpty, "\(live.load.objects.unreadable)")
        #expect(live.load.errors.isEmpty)
        #expect(live.identity.kubernetesVersion == "v1.31.4-test")
        #expect(live.identity.clusterID == LiveFixture.clusterID)
        #expect(live.identity.context == "test" && live.identity.server == server.url)
        #expect(live.stats.requests > 15, "pagination with 3 items per page means several pages per kind")
        let manifests = ManifestLoader().load(text: LiveFixture.manifests(), name: "same.json")
        #expect(manifests.errors.isEmpty)
        #expect(Self.results(live.load.clusterState()) == Self.results(manifests.clusterState()))
        // The live pod of the ReplicaSet counts as the Deployment, as kubectl shows it.
        #expect(live.load.clusterState().pods.contains { $0.name == "api-7d9f-abcde" && $0.owner.kind == "Deployment" && $0.owner.name == "api" })
        #expect(server.requests.allSatisfy { $0.hasPrefix("GET ") && $0.hasSuffix("auth=client-certificate") })
    }

    @Test func bearerTokenAndTokenFile() throws {
        let pki = try TestPKI()
        let server = try TestAPIServer(pki: pki, fixture: LiveFixture.resources())
        let direct = try Self.fetch(try server.kubeconfig(user: "    token: \(TestAPIServer.token)"))
        #expect(direct.load.objects.unreadable.isEmpty)
        let file = pki.directory.appendingPathComponent("token").path
        try (TestAPIServer.token + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let viaFile = try Self.fetch(try server.kubeconfig(user: "    tokenFile: \(file)"))
        #expect(viaFile.load.objects.unreadable.isEmpty)
        #expect(server.requests.allSatisfy { $0.hasSuffix("auth=bearer") })
        let wrong = try Self.fetch(try server.kubeconfig(user: "    token: not-the-token"))
        #expect(wrong.load.objects.unreadable.contains { $0.kind == "*" && $0.reason.contains("401") })
    }

    @Test(arguments: ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"])
    func execPluginCredentialsAreCachedUntilExpiry(_ apiVersion: String) throws {
        let pki = try TestPKI()
        let server = try TestAPIServer(pki: pki, fixture: LiveFixture.resources())
        let plugin = pki.directory.appendingPathComponent("fake-auth-plugin").path
        let counter = pki.directory.appendingPathComponent("runs").path
        try """
        #!/bin/sh
        echo run >> "\(counter)"
        case "$KUBERNETES_EXEC_INFO" in *'"server"'*) ;; *) echo "no cluster info" >&2; exit 3;; esac
        echo '{"apiVersion": "\(apiVersion)", "kind": "ExecCredential", "status": {"token": "\(TestAPIServer.token)", "expirationTimestamp": "2099-01-01T00:00:00Z"}}'
        """.write(toFile: plugin, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: plugin)
        let config = try server.kubeconfig(user: """
            exec:
              apiVersion: \(apiVersion)
              command: \(plugin)
              args: [get-token]
              env: [{name: CLUSTER, value: test}]
              provideClusterInfo: true
        """)
        let live = try Self.fetch(config)
        #expect(live.load.objects.unreadable.isEmpty, "\(live.load.objects.unreadable)")
        #expect(try String(contentsOfFile: counter, encoding: .utf8).split(separator: "\n").count == 1, "one plugin run for the whole scan")
    }

    @Test func aMissingExecPluginIsAClearError() throws {
        let pki = try TestPKI()
        let server = try TestAPIServer(pki: pki, fixture: LiveFixture.resources())
        let config = try server.kubeconfig(user: """
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: aws-iam-authenticator-not-installed
              installHint: "Install it from https://example.invalid/aws"
        """)
        let live = try Self.fetch(config)
        let reason = live.load.objects.unreadable.first?.reason ?? ""
        #expect(reason.contains("aws-iam-authenticator-not-installed") && reason.contains("was not found on PATH") && reason.contains("Install it"))
    }

    @Test func authProviderNamesTheExecReplacement() throws {
        let pki = try TestPKI()
        let server = try TestAPIServer(pki: pki, fixture: LiveFixture.resources())
        let config = try server.kubeconfig(user: "    auth-provider: {name: gcp, config: {}}")
        #expect { _ = try ClusterConnection.make(.init(kubeconfig: config, environment: [:])) } throws: { error in
            "\(error)".contains("gke-gcloud-auth-plugin")
        }
    }

    @Test func inClusterServiceAccount() throws {
        let pki = try TestPKI()
        let server = try TestAPIServer(pki: pki, fixture: LiveFixture.resources())
        let sa = pki.directory.appendingPathComponent("serviceaccount")
        try FileManager.default.createDirectory(at: sa, withIntermediateDirectories: true)
        try TestAPIServer.token.write(to: sa.appendingPathComponent("token"), atomically: true, encoding: .utf8)
        try pki.data("ca.pem").write(to: sa.appendingPathComponent("ca.crt"))
        let environment = ["KUBERNETES_SERVICE_HOST": "127.0.0.1", "KUBERNETES_SERVICE_PORT": "\(server.port)", "HOME": pki.directory.path]
        // No kubeconfig exists, so the service account is used without --in-cluster.
        let connection = try ClusterConnection.make(.init(environment: environment, serviceAccountDirectory: sa.path))
        #expect(connection.identity.context == "in-cluster")
        let live = ClusterFetcher(connection: connection).fetch(identity: connection.identity)
        #expect(live.load.objects.unreadable.isEmpty)
    }

    @Test func tlsIsVerifiedAgainstTheConfiguredCA() throws {
        let pki = try TestPKI()
        let server = try TestAPIServer(pki: pki, fixture: LiveFixture.resources())
        let wrongCA = try server.kubeconfig(user: "    token: \(TestAPIServer.token)", ca: "other-ca.pem")
        let live = try Self.fetch(wrongCA)
        #expect(!live.load.objects.unreadable.isEmpty)
        #expect(live.load.objects.unreadable.allSatisfy { $0.reason.contains("connection failed") })
        #expect(live.stats.retries == 0, "certificate failures are not retried")
        #expect(server.requests.isEmpty, "nothing reached the server")
    }

    @Test func tlsServerNameIsPresentedAndVerified() throws {
        let pki = try TestPKI()
        let server = try TestAPIServer(pki: pki, fixture: LiveFixture.resources())
        var settings = TransportSettings(server: URL(string: server.url)!, caPEM: pki.data("ca.pem"), tlsServerName: "kubernetes.test")
        let ok = try HTTPClient(settings: settings).get("/version", headers: ["Authorization: Bearer \(TestAPIServer.token)"])
        #expect(ok.status == 200)
        settings.tlsServerName = "not-in-the-certificate.test"
        #expect(throws: TransportError.self) { _ = try HTTPClient(settings: settings).get("/version", headers: []) }
    }

    @Test func insecureSkipTLSVerifyWorksAndIsRecorded() throws {
        let pki = try TestPKI()
        let server = try TestAPIServer(pki: pki, fixture: LiveFixture.resources())
        let config = try server.kubeconfig(user: "    token: \(TestAPIServer.token)", cluster: "    insecure-skip-tls-verify: true", ca: "other-ca.pem")
        let live = try Self.fetch(config)
        #expect(live.load.objects.unreadable.isEmpty)
        #expect(live.identity.insecureSkipTLSVerify)
    }

    @Test func snapshotsRoundTrip() throws {
        let pki = try TestPKI()
        let server = try TestAPIServer(pki: pki, fixture: LiveFixture.resources())
        let live = try Self.fetch(try server.kubeconfig(user: "    token: \(TestAPIServer.token)"))
        let file = pki.directory.appendingPathComponent("snap.json").path
        let document = try #require(live.snapshot)
        let bytes = document.bytes(fetchedAt: "2026-01-01T00:00:00Z")
        // The items, written as they were fetched, sit where the writer would have put them.
        let parsed = try JSONReader().parse(bytes)
        guard case let .array(items, _)? = parsed["objects"]?["items"] else { Issue.record("no items"); return }
        #expect(items.count == document.items.count && items.count > 10)
        #expect(JSONWriter.write(Snapshot.make(items: items, identity: document.identity, unreadable: document.unreadable,
                                               diagnostics: document.diagnostics, fetchedAt: "2026-01-01T00:00:00Z")) == bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let read = try Snapshot.read(path: file)
        #expect(read.identity == live.identity)
        #expect(Self.results(read.load.clusterState()) == Self.results(live.load.clusterState()))
        #expect(read.load.digests.first?.sha256.count == 64)
    }
}
