import Foundation
import Testing

@Suite struct ConnectivityCLITests {
    @Test func demoMapShowsTheClassicFrontendToBackendRule() throws {
        let out = try CLI.run(["connectivity", "--demo"])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n").map(String.init)
        #expect(lines == lines.sorted())
        #expect(lines.contains("frontend/web[Deployment] => backend/api[Deployment] : TCP 8080"))
        #expect(!lines.contains { $0.hasPrefix("monitoring/prometheus[StatefulSet] => backend/api") })
        #expect(lines.contains("monitoring/prometheus[StatefulSet] => payments/gateway[Deployment] : TCP 9090"))
    }

    @Test func filtersAndFormats() throws {
        let filtered = try CLI.run(["connectivity", "--demo", "--to", "payments/*"])
        #expect(filtered.stdout.split(separator: "\n").allSatisfy { $0.contains("=> payments/") })
        let json = try CLI.run(["connectivity", "--demo", "--format", "json", "--from", "frontend/web", "--to", "backend/api"])
        #expect(json.stdout.contains("\"allowed\": {\"TCP\": [[8080, 8080]]}"))
        let dot = try CLI.run(["connectivity", "--demo", "--format", "dot"])
        #expect(dot.stdout.hasPrefix("digraph connectivity {"))
        let csv = try CLI.run(["connectivity", "--demo", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("src,dst,conn\n"))
    }

    @Test func explainNamesThePolicyAndRule() throws {
        let allowed = try CLI.run(["explain", "--demo", "--from", "frontend/web", "--to", "backend/api", "--port", "8080/TCP"])
        #expect(allowed.stdout.contains("ALLOWED"))
        #expect(allowed.stdout.contains("allowed by backend/frontend-to-backend spec.ingress[0]: TCP 8080"))
        let denied = try CLI.run(["explain", "--demo", "--from", "monitoring/prometheus", "--to", "backend/api", "--port", "8080"])
        #expect(denied.stdout.contains("DENIED"))
        #expect(denied.stdout.contains("isolated by: backend/default-deny-ingress, backend/frontend-to-backend"))
        #expect(denied.stdout.contains("no rule of these policies matches the source on 8080/TCP"))
        let unknown = try CLI.run(["explain", "--demo", "--from", "nope/x", "--to", "backend/api"])
        #expect(unknown.status == 2)
    }
}
