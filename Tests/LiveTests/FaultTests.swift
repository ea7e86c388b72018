@testable import BulkheadScanner
import BulkheadCore
import Checks
import Foundation
import Testing

/// Every fault class ends in a retry that succeeds or in an unreadable kind (so indeterminate
/// results), never in a scan that looks complete with data missing.
@Suite(.serialized) struct FaultTests {
    static func fetch(_ faults: String, tweak: (ClusterFetcher) -> Void = { _ in }) throws -> (LiveResult, TestAPIServer) {
        let pki = try TestPKI()
        let server = try TestAPIServer(pki: pki, fixture: LiveFixture.resources(), faults: faults)
        let config = try server.kubeconfig(user: "    token: \(TestAPIServer.token)")
        var connection = try ClusterConnection.make(.init(kubeconfig: config, environment: [:]))
        connection.transport.requestTimeout = 2
        connection.transport.stallTimeout = 1
        let fetcher = ClusterFetcher(connection: connection)
        fetcher.pageSize = 2
        fetcher.backoffBase = 0.05
        tweak(fetcher)
        return (fetcher.fetch(identity: connection.identity), server)
    }

    static let complete: Int = {
        guard case let .object(root, _) = LiveFixture.resources(), case let .object(resources, _)? = root["resources"] else { return 0 }
        return resources.values.reduce(0) { n, v in if case let .array(items, _) = v { return n + items.count } else { return n } }
    }()

    static func count(_ live: LiveResult) -> Int {
        live.snapshot?.items.count ?? -1
    }

    @Test(arguments: [
        ("namespaces", #"[{"type": "gone", "times": 1}]"#),
        ("services", #"[{"type": "status", "status": 429, "retry_after": "1", "times": 1}]"#),
        ("deployments", #"[{"type": "status", "status": 500, "times": 2}]"#),
        ("statefulsets", #"[{"type": "status", "status": 503, "times": 1}]"#),
        ("jobs", #"[{"type": "drop", "times": 1}]"#),
        ("cronjobs", #"[{"type": "truncate", "times": 1}]"#),
        ("daemonsets", #"[{"type": "slow", "seconds": 4, "times": 1}]"#),
    ])
    func transientFaultsAreRetriedToACompleteScan(_ resource: String, _ fault: String) throws {
        let (live, server) = try Self.fetch("{\"\(resource)\": \(fault)}")
        #expect(live.load.objects.unreadable.isEmpty, "\(live.load.objects.unreadable)")
        #expect(Self.count(live) == Self.complete, "every object arrived despite the fault")
        #expect(live.stats.retries + live.stats.restarts >= 1, "the fault was met and survived")
        if resource == "namespaces" { #expect(live.stats.restarts == 1, "410 restarts the list") }
        #expect(server.requests.allSatisfy { $0.hasPrefix("GET ") })
    }

    @Test func forbiddenKindIsUnreadableWithTheRBACRuleAndResultsAreIndeterminate() throws {
        let (live, _) = try Self.fetch(#"{"networkpolicies": [{"type": "status", "status": 403}]}"#)
        let unreadable = try #require(live.load.objects.unreadable.first)
        #expect(unreadable.kind == "NetworkPolicy")
        #expect(unreadable.reason.contains("403") && unreadable.reason.contains("cannot list resource \"networkpolicies\""))
        #expect(unreadable.reason.contains("apiGroups: [\"networking.k8s.io\"], resources: [\"networkpolicies\"], verbs: [\"get\", \"list\"]"))
        let report = ScanPipeline().run(live.load.clusterState(), tool: ToolInfo(version: "t"), inputKind: "live", inputs: [], startedAt: "", finishedAt: "")
        #expect(report.isIncomplete)
        let policyChecks = report.results.filter { ["NP-0001", "NP-0002", "NP-0003", "NP-0004"].contains($0.checkID) }
        #expect(!policyChecks.isEmpty && policyChecks.allSatisfy { $0.status == .indeterminate })
        #expect(report.results.contains { $0.checkID == "NP-0018" && $0.status == .pass }, "checks that need no policies still run")
    }

    @Test func persistentServerErrorsGiveUpAfterBoundedRetries() throws {
        let start = Date()
        let (live, server) = try Self.fetch(#"{"services": [{"type": "status", "status": 500}]}"#)
        #expect(live.load.objects.unreadable.map(\.kind) == ["Service"])
        #expect(live.load.objects.unreadable.first?.reason.contains("after 5 attempts") == true)
        #expect(server.requests.filter { $0.contains("/api/v1/services") }.count == 5)
        #expect(Date().timeIntervalSince(start) < 20)
    }

    @Test func anExpiredExecTokenRerunsThePluginOnce() throws {
        let pki = try TestPKI()
        let server = try TestAPIServer(pki: pki, fixture: LiveFixture.resources())
        let plugin = pki.directory.appendingPathComponent("rotating-plugin").path
        let counter = pki.directory.appendingPathComponent("runs").path
        // The first credential is already expired on the server side; the second is good.
        try """
        #!/bin/sh
        echo run >> "\(counter)"
        if [ "$(wc -l < "\(counter)")" -le 1 ]; then token=expired-token; else token=\(TestAPIServer.token); fi
        echo "{\\"apiVersion\\": \\"client.authentication.k8s.io/v1\\", \\"kind\\": \\"ExecCredential\\", \\"status\\": {\\"token\\": \\"$token\\"}}"
        """.write(toFile: plugin, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: plugin)
        let config = try server.kubeconfig(user: "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: \(plugin)")
        let connection = try ClusterConnection.make(.init(kubeconfig: config, environment: [:]))
        let fetcher = ClusterFetcher(connection: connection)
        fetcher.parallelism = 1
        let live = fetcher.fetch(identity: connection.identity)
        #expect(live.load.objects.unreadable.isEmpty, "\(live.load.objects.unreadable)")
        #expect(connection.credentials.execRuns == 2)
    }

    @Test func truncatedBodiesThatNeverRecoverAreUnreadable() throws {
        let (live, _) = try Self.fetch(#"{"cronjobs": [{"type": "truncate"}]}"#)
        #expect(live.load.objects.unreadable.map(\.kind) == ["CronJob"])
        #expect(live.load.objects.unreadable.first?.reason.contains("not valid JSON") == true)
    }
}
