import BulkheadCore

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
}
