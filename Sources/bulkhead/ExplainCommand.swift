import ArgumentParser
import BulkheadCore
import Reporters

extension MapFormat: ExpressibleByArgument {}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain whether one workload or pod can reach another, and which policy rules decide it."
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Source: NS/NAME (a workload or a pod).")
    var from: String

    @Option(help: "Destination: NS/NAME (a workload or a pod).")
    var to: String

    @Option(help: "A port such as 443/TCP, 53/UDP or 8080 (TCP).")
    var port: String?

    func run() throws {
        let loaded = try runLoading(input)
        let engine = PolicyEngine(cluster: loaded.state, options: input.modelOptions)
        var query: Explanation.PortQuery?
        if let port {
            guard let parsed = Explanation.PortQuery(port) else {
                throw ValidationError("--port must look like 443/TCP, 53/UDP or 8080")
            }
            query = parsed
        }
        guard let source = Explanation.findPod(from, in: loaded.state) else {
            throw ValidationError("No workload or pod named \(from) in the input.")
        }
        guard let destination = Explanation.findPod(to, in: loaded.state) else {
            throw ValidationError("No workload or pod named \(to) in the input.")
        }
        let explanation = Explanation(engine: engine, source: source, destination: destination, port: query)
        print(explanation.text, terminator: "")
    }
}
