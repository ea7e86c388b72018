import BulkheadCore
import Foundation

/// The machine-readable report: the `Report` value itself, keys sorted, so the same input
/// gives the same bytes.
public enum JSONReporter {
    public static func render(_ report: Report) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(ReportDocument(report))
        data.append(0x0A)
        return [UInt8](data)
    }

    public static func decode(_ bytes: [UInt8]) throws -> Report {
        try JSONDecoder().decode(ReportDocument.self, from: Data(bytes)).report
    }
}

/// The JSON shape: the report plus the derived summary, which readers should not recompute.
struct ReportDocument: Codable {
    var report: Report
    var summary: Summary

    init(_ report: Report) {
        self.report = report
        summary = report.summary
    }

    enum CodingKeys: String, CodingKey { case summary }

    init(from decoder: Decoder) throws {
        report = try Report(from: decoder)
        summary = try decoder.container(keyedBy: CodingKeys.self).decode(Summary.self, forKey: .summary)
    }

    func encode(to encoder: Encoder) throws {
        try report.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(summary, forKey: .summary)
    }
}
