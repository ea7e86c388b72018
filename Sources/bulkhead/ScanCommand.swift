import ArgumentParser
import BulkheadCore
import Checks
import Foundation
import BulkheadScanner
import Reporters

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan manifests (or the built-in demo cluster) and write JUnit, JSON and Markdown reports.",
        discussion: "Exit codes: 0 no failing results, 1 failing results, 2 usage or input error, 3 scan incomplete."
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var profileOptions: ProfileOptions
    @OptionGroup var configOptions: ConfigOptions

    @Option(help: "Fail (exit 1) on failing results at or above this severity: info, low, medium, high, critical (default: the configuration's failOn, else high).")
    var failOn: Severity?

    @Option(help: "A previous bulkhead.json: mark each failure new or unchanged and list the resolved ones.")
    var baseline: String?

    @Flag(help: "With --baseline: fail only on new failures at or above the threshold.")
    var failOnNew = false

    @Flag(help: "Exit 0 whatever was found (for schedules that only want the reports); usage errors still exit 2.")
    var exitZero = false

    @Option(name: [.customShort("n"), .long], help: "Namespace for objects that name none (as kubectl's -n); same as --default-namespace.")
    var namespace: String?

    @Option(help: "Comma-separated report formats: junit, json, markdown, sarif.")
    var format = "junit,json,markdown"

    @Option(name: .customLong("output-dir"), help: "Directory for the reports.")
    var outputDirectory = "./bulkhead-report"

    @Option(help: "For live scans: also save the fetched state as a snapshot (its SHA-256 goes into the reports).")
    var saveSnapshot: String?

    @Flag(name: [.short, .long], help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Print how long each phase took (load, checks, reports) to stderr.")
    var timings = false

    func formats() throws -> [ReportFormat] {
        try format.split(separator: ",").map { name in
            guard let f = ReportFormat(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw ValidationError("Unknown format '\(name)'. Valid: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            return f
        }
    }

    func validate() throws {
        _ = try formats()
        if saveSnapshot != nil && !input.isLive { throw ValidationError("--save-snapshot applies to live scans only.") }
    }

    func run() throws {
        let formats = try formats()
        let started = Clock.now()
        let profiles: [Profile]
        var configuration: Configuration
        var previous: Report?
        do {
            configuration = try configOptions.load(demo: input.demo)
            if let failOn { configuration.failOn = failOn }
            if input.includeSystemNamespaces { configuration.scope.includeSystemNamespaces = true }
            if let baseline {
                guard let data = FileManager.default.contents(atPath: baseline) else { throw CLIError.input("\(baseline): cannot be read") }
                do {
                    previous = try JSONReporter.decode([UInt8](data))
                } catch {
                    throw CLIError.input("\(baseline): not a bulkhead.json report (\(error))")
                }
            }
            profiles = try profileOptions.resolve()
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(Exit.inputError)
        } catch let error as ProfileLoader.ProfileError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(Exit.inputError)
        }
        let t0 = DispatchTime.now()
        var loaded = try runLoading(input, defaultNamespace: namespace, quiet: quiet, keepSnapshot: saveSnapshot != nil)
        let t1 = DispatchTime.now()
        var inputDigests = loaded.digests
        if let saveSnapshot, let snapshot = loaded.snapshot {
            let bytes = snapshot.bytes(fetchedAt: started) + [0x0A]
            try write(bytes, to: saveSnapshot)
            inputDigests.append(FileDigest(path: saveSnapshot, sha256: ContentDigest.hex(bytes)))
        }
        // The snapshot's JSON is not needed past this point.
        loaded.snapshot = nil
        let pipeline = ScanPipeline(model: input.modelOptions, configuration: configuration)
        var report = pipeline.run(loaded.state, tool: ToolInfo(version: Bulkhead.version, binarySHA256: BinaryDigest.current),
                                  inputKind: loaded.inputKind, inputs: loaded.inputs, startedAt: started, finishedAt: Clock.now(),
                                  profiles: profiles, identity: loaded.identity, inputDigests: inputDigests)
        if let previous { report = Baseline.compare(report, with: previous) }
        let t2 = DispatchTime.now()
        let directory = outputDirectory
        let rendered = try ReportFormat.renderAll(report, formats: Set(formats), digest: { ContentDigest.hex($0) }) { format, bytes in
            try Self.write(bytes, to: (directory as NSString).appendingPathComponent(format.fileName))
        }
        let digests = rendered.digests
        var written = digests.map { (outputDirectory as NSString).appendingPathComponent($0.path) }
        let t3 = DispatchTime.now()
        if timings {
            func s(_ a: DispatchTime, _ b: DispatchTime) -> String { String(format: "%.2f", Double(b.uptimeNanoseconds - a.uptimeNanoseconds) / 1e9) }
            // Each report's own time, rendering and writing (they overlap: two at a time).
            let each = ReportFormat.allCases.compactMap { f in rendered.seconds[f].map { "\(f.rawValue) \(String(format: "%.2f", $0))" } }
            FileHandle.standardError.write(Data("timings: load \(s(t0, t1)), checks \(s(t1, t2)), reports \(s(t2, t3)) (\(each.joined(separator: ", ")))\n".utf8))
        }
        // A manifest that `sha256sum -c bulkhead.sha256` checks, run in the output directory.
        let manifest = digests.map { "\($0.sha256)  \($0.path)\n" }.joined()
        let manifestPath = (outputDirectory as NSString).appendingPathComponent("bulkhead.sha256")
        try write(Array(manifest.utf8), to: manifestPath)
        written.append(manifestPath)
        if !quiet { print(ConsoleSummary.render(report, written: written, onlyNew: failOnNew), terminator: "") }
        throw ExitCode(exitCode(report))
    }

    func write(_ bytes: [UInt8], to path: String) throws { try Self.write(bytes, to: path) }

    static func write(_ bytes: [UInt8], to path: String) throws {
        do {
            try AtomicFile.write(bytes, to: path)
        } catch {
            FileHandle.standardError.write(Data("error: cannot write \(path): \(error)\n".utf8))
            throw ExitCode(Exit.inputError)
        }
    }

    func exitCode(_ report: Report) -> Int32 {
        if exitZero { return Exit.clean }
        if report.isIncomplete { return Exit.incomplete }
        return report.failing(atOrAbove: report.failOn, onlyNew: failOnNew).isEmpty ? Exit.clean : Exit.findings
    }
}

/// Timestamps for reports: SOURCE_DATE_EPOCH fixes them so that two runs give the same bytes.
enum Clock {
    static func now() -> String {
        let date: Date
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = TimeInterval(epoch) {
            date = Date(timeIntervalSince1970: seconds)
        } else {
            date = Date()
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

enum ConsoleSummary {
    static func render(_ report: Report, written: [String], onlyNew: Bool = false) -> String {
        let s = report.summary
        var out = "Bulkhead \(report.tool.version): \(report.scope.namespaces.count) namespace(s) in scope, "
        out += "\(report.population.networkPolicies) NetworkPolicy object(s), \(report.checks.count) check(s)\n"
        out += "Results: \(s.passed) passed, \(s.failed) failed, \(s.waived) waived, \(s.indeterminate) indeterminate, \(s.notApplicable + s.manual) not applicable or manual\n"
        if let b = report.baseline {
            out += "Against baseline \(b.previousScanID): \(b.new) new, \(b.unchanged) unchanged, \(b.resolved.count) resolved\n"
        }
        let gate = report.failing(atOrAbove: report.failOn, onlyNew: onlyNew).count
        out += "Failing at or above \(report.failOn.rawValue)\(onlyNew ? " (new only)" : ""): \(gate)\n"
        // Most severe first, then in the report's stable order.
        let failing = report.results.enumerated().filter { $0.element.status == .fail }
            .sorted { (report.severity(of: $0.element), -$0.offset) > (report.severity(of: $1.element), -$1.offset) }.map(\.element)
        for result in failing.prefix(20) {
            let severity = report.severity(of: result).rawValue
            let trend = result.trend.map { " (\($0))" } ?? ""
            out += "  FAIL \(result.checkID) [\(severity)]\(trend) \(result.subject): \(result.message)\n"
        }
        if failing.count > 20 { out += "  … and \(failing.count - 20) more in the reports\n" }
        if report.isIncomplete { out += "Scan incomplete: some input could not be read (see the reports).\n" }
        for path in written { out += "Wrote \(path)\n" }
        return out
    }
}

/// The SHA-256 of the running binary, so a report can be tied to the build that wrote it.
enum BinaryDigest {
    static var current: String? {
        guard let data = FileManager.default.contents(atPath: "/proc/self/exe") else { return nil }
        return data.withUnsafeBytes { ContentDigest.hex($0) }
    }
}
