import BulkheadCore

public enum ReportFormat: String, Sendable, CaseIterable {
    case junit, json, markdown

    public var fileName: String {
        switch self {
        case .junit: return "bulkhead.junit.xml"
        case .json: return "bulkhead.json"
        case .markdown: return "bulkhead.md"
        }
    }

    public func render(_ report: Report) throws -> [UInt8] {
        switch self {
        case .junit: return try JUnitReporter.render(report)
        case .json: return try JSONReporter.render(report)
        case .markdown: return Array(MarkdownReporter.render(report).utf8)
        }
    }
}
