import ArgumentParser
import BulkheadCore
import Checks
import Foundation

struct RemediateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remediate",
        abstract: "Print NetworkPolicies that fix failing namespaces and workloads (it never applies them).",
        discussion: """
        Failing namespaces get a default deny (ingress and egress) and a DNS egress allowance; workloads open for \
        ingress get a least-privilege starting point from the ports their Services target. Review, then apply \
        with kubectl yourself.
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var configOptions: ConfigOptions

    func run() throws {
        let loaded = try runLoading(input, quiet: true)
        let configuration: Configuration
        do {
            configuration = try configOptions.load(demo: input.demo)
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(Exit.inputError)
        }
        let report = ScanPipeline(model: input.modelOptions, configuration: configuration)
            .run(loaded.state, tool: ToolInfo(version: Bulkhead.version), inputKind: loaded.inputKind, inputs: loaded.inputs,
                 startedAt: Clock.now(), finishedAt: Clock.now())
        print(RemediationPlan.yaml(report, cluster: loaded.state), terminator: "")
    }
}
