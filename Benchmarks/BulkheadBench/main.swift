import BulkheadCore
import Checks
import Foundation

// Engine benchmarks (run with `make bench`; release build). Each scenario is timed
// end to end for the engine: connectivity map and checks on an already-built state.

func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func time<T>(_ body: () -> T) -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = body()
    return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

struct Scenario {
    var name: String
    var cluster: SyntheticCluster
    var budgetSeconds: Double
}

let scenarios = [
    Scenario(name: "100 namespaces x 20 deployments x 5 policies",
             cluster: SyntheticCluster(namespaces: 100, deploymentsPerNamespace: 20, replicas: 1, policiesPerNamespace: 5, openEvery: 0),
             budgetSeconds: 1.0),
    Scenario(name: "100 namespaces x 20 deployments x 5 policies, every 10th namespace open",
             cluster: SyntheticCluster(namespaces: 100, deploymentsPerNamespace: 20, replicas: 1, policiesPerNamespace: 5, openEvery: 10),
             budgetSeconds: 1.0),
    Scenario(name: "2000 namespaces x 50 pods (10 deployments x 5 replicas) x 5 policies",
             cluster: SyntheticCluster(namespaces: 2000, deploymentsPerNamespace: 10, replicas: 5, policiesPerNamespace: 5, openEvery: 0),
             budgetSeconds: 5.0),
]

let only = CommandLine.arguments.dropFirst().first
var missed = 0
print("| scenario | pods | policies | classes | map lines | build state (s) | map (s) | checks (s) | budget (map) | peak RSS (MB) |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|")
for scenario in scenarios where only == nil || scenario.name.contains(only!) {
    let (state, buildTime) = time { scenario.cluster.state() }
    let engine = PolicyEngine(cluster: state)
    let (map, mapTime) = time { ConnectivityMap.compute(engine) }
    let scope = ScopeOptions().scope(for: state)
    let (results, checkTime) = time { CheckRunner().run(CheckContext(engine: engine, namespaces: scope.namespaces)) }
    let classes = Set(state.pods.map { "\($0.namespace)/\($0.labels.sorted { $0.key < $1.key })" }).count
    let ok = mapTime <= scenario.budgetSeconds
    if !ok { missed += 1 }
    print(String(format: "| %@ | %d | %d | %d | %d | %.3f | %.3f | %.3f | %@ %.1f s | %.0f |", scenario.name, state.pods.count,
                 state.policies.count, classes, map.entries.count, buildTime, mapTime, checkTime, ok ? "met ≤" : "MISSED >",
                 scenario.budgetSeconds, peakRSSMegabytes()))
    _ = results
}
exit(missed == 0 ? 0 : 1)
