@testable import BulkheadScanner
import BulkheadCore
import Checks
import Foundation
import Testing

/// The deployment manifests are valid Kubernetes objects, grant exactly what the scanner
/// reads, and pass Bulkhead's own checks.
@Suite struct DeployTests {
    static let repository: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    static var deployFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent("deploy").path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted().map { repository.appendingPathComponent("deploy/\($0)").path }
    }

    @Test func manifestsAreValidAgainstTheOfficialSchemas() throws {
        let which = try LiveCLITests.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "command -v kubernetes-validate"])
        guard which.status == 0 else {
            print("note: kubernetes-validate (PyPI) is not installed (make test installs it): deploy manifest validation skipped")
            return
        }
        let out = try LiveCLITests.run(URL(fileURLWithPath: which.out.trimmingCharacters(in: .whitespacesAndNewlines)),
                                       ["--kubernetes-version", "1.31.0", "--strict"] + Self.deployFiles)
        #expect(out.status == 0, "\(out.out)\(out.err)")
        #expect(out.out.components(separatedBy: "passed for resource").count - 1 == 8)
    }

    @Test func theClusterRoleGrantsExactlyWhatTheScannerLists() throws {
        let text = try String(contentsOfFile: Self.repository.appendingPathComponent("deploy/rbac.yaml").path, encoding: .utf8)
        var granted: [String: Set<String>] = [:]
        var verbsSeen: Set<String> = []
        var nonResource: [String] = []
        for doc in YAMLReader.split(text) {
            let value = try YAMLReader.parse(doc)
            guard value["kind"]?.stringValue == "ClusterRole", case let .array(rules, _)? = value["rules"] else { continue }
            for rule in rules {
                if case let .array(urls, _)? = rule["nonResourceURLs"] { nonResource += urls.compactMap(\.stringValue); continue }
                guard case let .array(groups, _)? = rule["apiGroups"], case let .array(resources, _)? = rule["resources"],
                      case let .array(verbs, _)? = rule["verbs"] else { continue }
                verbsSeen.formUnion(verbs.compactMap(\.stringValue))
                for g in groups.compactMap(\.stringValue) { granted[g, default: []].formUnion(resources.compactMap(\.stringValue)) }
            }
        }
        var listed: [String: Set<String>] = [:]
        for kind in ListedKind.core + ListedKind.discovered { listed[kind.group, default: []].insert(kind.resource) }
        #expect(granted == listed)
        #expect(verbsSeen == ["get", "list"])
        #expect(!granted.values.contains { $0.contains("secrets") || $0.contains("configmaps") })
        #expect(Set(nonResource) == ["/version", "/apis", "/apis/*"])
    }

    @Test func bulkheadsOwnNamespacePassesItsChecks() throws {
        let load = try ManifestLoader().load(paths: Self.deployFiles)
        #expect(load.errors.isEmpty)
        let report = ScanPipeline().run(load.clusterState(), tool: ToolInfo(version: "t"), inputKind: "manifests", inputs: [],
                                        startedAt: "", finishedAt: "")
        let own = report.results.filter { $0.subject.namespace == "bulkhead" || $0.subject == .namespace("bulkhead") }
        #expect(!own.isEmpty)
        #expect(own.filter { $0.status == .fail }.map(\.checkID).isEmpty, "\(own.filter { $0.status == .fail }.map(\.message))")
    }

    @Test func theImageAndTheJobRunAsNonRootWithAReadOnlyRoot() throws {
        let dockerfile = try String(contentsOfFile: Self.repository.appendingPathComponent("Dockerfile").path, encoding: .utf8)
        #expect(dockerfile.components(separatedBy: "\nFROM ").count + (dockerfile.hasPrefix("FROM ") ? 1 : 0) >= 2, "multi-stage")
        #expect(dockerfile.contains("USER 65532:65532"))
        let cron = try String(contentsOfFile: Self.repository.appendingPathComponent("deploy/cronjob.yaml").path, encoding: .utf8)
        #expect(cron.contains("readOnlyRootFilesystem: true") && cron.contains("runAsNonRoot: true") && cron.contains("concurrencyPolicy: Forbid"))
    }
}
