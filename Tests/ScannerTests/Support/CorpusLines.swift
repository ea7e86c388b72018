import BulkheadCore

/// The corpus line format read back, with external ranges compared address by address.
struct CorpusLines: Equatable {
    /// Workload-to-workload lines, verbatim.
    var internalLines: Set<String> = []
    /// Per endpoint and direction: external address intervals (merged when adjacent and equal) → connections.
    var external: [String: [String]] = [:]

    init(_ lines: [String]) {
        var ranges: [String: [(IPRange, String)]] = [:]
        for line in lines where !line.isEmpty {
            guard let arrow = line.range(of: " => "), let colon = line.range(of: " : ", range: arrow.upperBound..<line.endIndex) else {
                internalLines.insert(line)
                continue
            }
            let src = String(line[..<arrow.lowerBound])
            let dst = String(line[arrow.upperBound..<colon.lowerBound])
            let conn = String(line[colon.upperBound...])
            if let range = CorpusLines.externalRange(src) {
                ranges["\(dst) <= external", default: []].append((range, conn))
            } else if let range = CorpusLines.externalRange(dst) {
                ranges["\(src) => external", default: []].append((range, conn))
            } else {
                internalLines.insert(line)
            }
        }
        for (key, list) in ranges {
            var merged: [(IPRange, String)] = []
            for (range, conn) in list.sorted(by: { $0.0 < $1.0 }) {
                if let last = merged.last, last.0.family == range.family, last.0.last &+ 1 == range.first, last.1 == conn {
                    merged[merged.count - 1].0.last = range.last
                } else {
                    merged.append((range, conn))
                }
            }
            external[key] = merged.map { "\($0.0) \($0.1)" }
        }
    }

    static func externalRange(_ endpoint: String) -> IPRange? {
        guard endpoint.hasSuffix("[External]") else { return nil }
        let body = endpoint.dropLast("[External]".count)
        let parts = body.split(separator: "-")
        guard parts.count == 2, let a = IPAddress(String(parts[0])), let b = IPAddress(String(parts[1])) else { return nil }
        return IPRange(family: a.family, first: a.value, last: b.value)
    }

    /// Human-readable differences, for a failing test.
    func differences(from expected: CorpusLines) -> [String] {
        var out: [String] = []
        for line in expected.internalLines.subtracting(internalLines).sorted() { out.append("missing: \(line)") }
        for line in internalLines.subtracting(expected.internalLines).sorted() { out.append("extra:   \(line)") }
        for key in Set(expected.external.keys).union(external.keys).sorted() where expected.external[key] != external[key] {
            out.append("external \(key): expected \(expected.external[key] ?? []) got \(external[key] ?? [])")
        }
        return out
    }
}
