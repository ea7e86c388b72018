import BulkheadCore
import Dispatch
import Synchronization

public enum ReportFormat: String, Sendable, CaseIterable {
    case junit, json, sarif, markdown

    public var fileName: String {
        switch self {
        case .junit: return "bulkhead.junit.xml"
        case .json: return "bulkhead.json"
        case .sarif: return "bulkhead.sarif"
        case .markdown: return "bulkhead.md"
        }
    }

    /// `outputs` are the digests of the reports written before this one (the Markdown report
    /// lists them as integrity evidence), in the order of `allCases`.
    public func render(_ report: Report, outputs: [FileDigest] = []) throws -> [UInt8] {
        switch self {
        case .junit: return try JUnitReporter.render(report)
        case .json: return try JSONReporter.render(report)
        case .sarif: return SARIFReporter.render(report)
        case .markdown: return Array(MarkdownReporter.render(report, outputs: outputs).utf8)
        }
    }

    /// What `renderAll` wrote: each report's digest (in the order of `allCases`), and how long
    /// each took to render and write (`--timings`).
    public struct Rendered: Sendable {
        public var digests: [FileDigest]
        public var seconds: [ReportFormat: Double]
    }

    /// Renders `formats` side by side and hands each to `emit` (which writes it) as soon as it
    /// is ready, so that no more than two reports are held at once; Markdown, which lists the
    /// others' digests, is finished last.
    public static func renderAll(_ report: Report, formats: Set<ReportFormat>, digest: @Sendable ([UInt8]) -> String,
                                 emit: @Sendable (ReportFormat, [UInt8]) throws -> Void) throws -> Rendered {
        let clock = ContinuousClock()
        let seconds = Mutex<[ReportFormat: Double]>([:])
        @Sendable func elapsed(since start: ContinuousClock.Instant) -> Double {
            let d = clock.now - start
            return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        // Markdown's body first, then the others longest first, so that two cores finish together.
        let parallel: [ReportFormat] = [.json, .junit, .sarif].filter(formats.contains)
        let markdown = formats.contains(.markdown)
        let digests = Mutex<[ReportFormat: FileDigest]>([:])
        let body = Mutex<String?>(nil)
        let failure = Mutex<(any Error)?>(nil)
        DispatchQueue.concurrentPerform(iterations: parallel.count + (markdown ? 1 : 0)) { index in
            do {
                let start = clock.now
                if markdown && index == 0 {
                    let text = MarkdownReporter.body(report)
                    body.withLock { $0 = text }
                    let time = elapsed(since: start)
                    seconds.withLock { $0[.markdown] = time }
                    return
                }
                let format = parallel[index - (markdown ? 1 : 0)]
                let bytes = try format.render(report)
                try emit(format, bytes)
                let entry = FileDigest(path: format.fileName, sha256: digest(bytes))
                let time = elapsed(since: start)
                digests.withLock { $0[format] = entry }
                seconds.withLock { $0[format] = time }
            } catch {
                failure.withLock { if $0 == nil { $0 = error } }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        var outputs = digests.withLock { all in allCases.compactMap { all[$0] } }
        if markdown, let text = body.withLock({ $0 }) {
            let start = clock.now
            let bytes = Array(MarkdownReporter.finish(text, report, outputs: outputs).utf8)
            try emit(.markdown, bytes)
            outputs.append(FileDigest(path: ReportFormat.markdown.fileName, sha256: digest(bytes)))
            let time = elapsed(since: start)
            seconds.withLock { $0[.markdown, default: 0] += time }
        }
        return Rendered(digests: outputs, seconds: seconds.withLock { $0 })
    }
}
