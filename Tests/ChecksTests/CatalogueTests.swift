import BulkheadCore
import BulkheadScanner
import Checks
import Testing

/// One generic test runs every example of every check through the real loader and engine,
/// plus invariants that hold for every check.
@Suite struct CatalogueTests {
    struct ExampleCase: CustomTestStringConvertible, Sendable {
        var checkID: String
        var example: CheckExample
        var compliant: Bool
        var testDescription: String { "\(checkID) \(compliant ? "compliant" : "violating"): \(example.name)" }
    }

    static let examples: [ExampleCase] = Catalogue.all.flatMap { check in
        check.metadata.compliant.map { ExampleCase(checkID: check.metadata.id, example: $0, compliant: true) }
            + check.metadata.violating.map { ExampleCase(checkID: check.metadata.id, example: $0, compliant: false) }
    }

    static let knownChecks = ConfigLoader.KnownChecks(
        ids: Set(Catalogue.all.map(\.metadata.id)),
        slugs: Dictionary(uniqueKeysWithValues: Catalogue.all.map { ($0.metadata.slug, $0.metadata.id) }),
        options: Dictionary(uniqueKeysWithValues: Catalogue.all.map { ($0.metadata.id, Set($0.metadata.options.keys)) }))

    static func run(_ check: any Check, _ manifest: String, configuration: String? = nil, source: InputSource = .manifests,
                    shuffled: Bool = false) -> [CheckResult] {
        var result = ManifestLoader().load(text: manifest, name: "example.yaml")
        precondition(result.errors.isEmpty, "example does not load: \(result.errors)")
        if shuffled {
            result.objects.namespaces.reverse()
            result.objects.pods.reverse()
            result.objects.workloads.reverse()
            result.objects.policies.reverse()
            result.objects.services.reverse()
        }
        let state = result.clusterState(source: source)
        let config = configuration.map { try! ConfigLoader.load(text: $0, name: "example-config.yaml", checks: knownChecks) } ?? Configuration()
        let context = CheckContext(engine: PolicyEngine(cluster: state), namespaces: state.sortedNamespaceNames, configuration: config)
        return CheckRunner(checks: [check]).run(context)
    }

    @Test(arguments: examples)
    func exampleGivesTheExpectedVerdicts(_ c: ExampleCase) throws {
        let check = try #require(Catalogue.check(c.checkID))
        let results = Self.run(check, c.example.manifest, configuration: c.example.configuration, source: c.example.source)
        for (subject, expected) in c.example.expect {
            let result = results.first { $0.subject.description == subject }
            #expect(result?.status == expected, "\(subject): \(result?.message ?? "no result")")
        }
        if c.compliant {
            #expect(c.example.expect.values.contains(.pass))
        } else {
            #expect(c.example.expect.values.contains(.fail))
            for result in results where result.status == .fail {
                #expect(!result.violations.isEmpty, "a failure must say where: \(result)")
            }
        }
        #expect(Self.run(check, c.example.manifest, configuration: c.example.configuration, source: c.example.source, shuffled: true) == results,
                "object order changed the results")
    }

    @Test func idsAndSlugsAreUniqueAndWellFormed() {
        let ids = Catalogue.all.map(\.metadata.id)
        let slugs = Catalogue.all.map(\.metadata.slug)
        #expect(Set(ids).count == ids.count)
        #expect(Set(slugs).count == slugs.count)
        #expect(ids == ids.sorted())
        for id in ids {
            #expect(id.count == 7 && id.hasPrefix("NP-") && id.dropFirst(3).allSatisfy(\.isNumber), "\(id)")
        }
        for slug in slugs { #expect(slug.allSatisfy { $0.isLowercase || $0 == "-" || $0.isNumber }, "\(slug)") }
    }

    @Test func everyCheckHasCompliantAndViolatingExamplesAndMetadata() {
        for check in Catalogue.all {
            let m = check.metadata
            #expect(!m.compliant.isEmpty && !m.violating.isEmpty, "\(m.id)")
            #expect(!m.title.isEmpty && !m.rationale.isEmpty && !m.remediation.isEmpty && !m.needs.isEmpty, "\(m.id)")
        }
    }

    @Test func anUnreadableKindMakesResultsIndeterminateNeverPass() {
        var result = ManifestLoader().load(text: """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny, namespace: shop}
        spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: other}
        """, name: "x.yaml")
        result.objects.unreadable.append(UnreadableKind(kind: "NetworkPolicy", namespace: "shop", reason: "403 Forbidden"))
        let state = result.clusterState()
        let results = CheckRunner().run(CheckContext(engine: PolicyEngine(cluster: state), namespaces: ["other", "shop"]))
        for r in results where r.subject.name == "shop" {
            #expect(r.status == .indeterminate, "\(r.checkID)")
            #expect(r.message.contains("403 Forbidden"))
        }
        #expect(results.contains { $0.subject.name == "other" && $0.status == .fail })
    }
}
