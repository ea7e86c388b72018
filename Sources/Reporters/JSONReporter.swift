import BulkheadCore
import Foundation

/// The machine-readable report: the `Report` value itself, keys sorted, so the same input
/// gives the same bytes.
public enum JSONReporter {
    public static func render(_ report: Report) throws -> [UInt8] {
        // Everything but the results goes through JSONEncoder; the results, nearly all of a
        // large report, are written by `ResultsJSON` into the place the encoder left for them.
        var shell = report
        shell.results = []
        var document = ReportDocument(shell)
        document.summary = report.summary
        let encoded = [UInt8](try encoder().encode(document))
        let marker = Array("\n  \"results\" : [\n\n  ]".utf8)
        guard let at = encoded.firstRange(of: marker) else { return try encodedByFoundation(report) }
        var results = ResultsJSON(capacity: report.results.count * 400)
        results.write(report.results[...], indent: 1)
        var out: [UInt8] = []
        out.reserveCapacity(encoded.count + results.bytes.count + 1)
        out += encoded[..<at.lowerBound]
        out += Array("\n  \"results\" : ".utf8)
        out += results.bytes
        out += encoded[at.upperBound...]
        out.append(0x0A)
        return out
    }

    /// The whole report through Foundation's encoder: the reference that `render` must equal.
    static func encodedByFoundation(_ report: Report) throws -> [UInt8] {
        var data = try encoder().encode(ReportDocument(report))
        data.append(0x0A)
        return [UInt8](data)
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
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
