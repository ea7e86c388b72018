import BulkheadCore
import Foundation

public enum MapFormat: String, Sendable, CaseIterable {
    case txt, json, csv, md, dot
}

/// Renders a connectivity map. `txt` is exactly the corpus line format:
/// `SRC => DST : CONN`, sorted.
public enum MapRenderer {
    public static func render(_ map: ConnectivityMap, format: MapFormat) -> String {
        switch format {
        case .txt: return map.lines.map { $0 + "\n" }.joined()
        case .csv: return csv(map)
        case .md: return markdown(map)
        case .dot: return dot(map)
        case .json: return json(map)
        }
    }

    static func csv(_ map: ConnectivityMap) -> String {
        var out = "src,dst,conn\n"
        for e in map.entries {
            out += [e.source.description, e.destination.description, e.connections.description].map(csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingAll("\"", with: "\"\"") + "\"" : s
    }

    static func markdown(_ map: ConnectivityMap) -> String {
        var out = "| src | dst | conn |\n|-----|-----|------|\n"
        for e in map.entries {
            out += "| \(MarkdownText.cell(e.source.description)) | \(MarkdownText.cell(e.destination.description)) | \(MarkdownText.cell(e.connections.description)) |\n"
        }
        return out
    }

    static func dot(_ map: ConnectivityMap) -> String {
        var nodes: Set<MapEndpoint> = []
        for e in map.entries { nodes.insert(e.source); nodes.insert(e.destination) }
        var out = "digraph connectivity {\n"
        for node in nodes.sorted() {
            let shape: String
            if case .external = node { shape = "box" } else { shape = "ellipse" }
            out += "  \(JSONText.quote(node.description)) [shape=\(shape)]\n"
        }
        for e in map.entries {
            out += "  \(JSONText.quote(e.source.description)) -> \(JSONText.quote(e.destination.description)) [label=\(JSONText.quote(e.connections.description))]\n"
        }
        return out + "}\n"
    }

    /// Schema: `{"connections": [{"src", "dst", "conn", "allowed": {"TCP": [[lo, hi], …], …}}]}`.
    static func json(_ map: ConnectivityMap) -> String {
        var out = "{\n  \"connections\": ["
        for (i, e) in map.entries.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            var protocols: [String] = []
            for proto in L4Protocol.allCases {
                let set = e.connections.ports(for: proto)
                guard !set.isEmpty else { continue }
                let ranges = set.intervals.map { "[\($0.lower), \($0.upper)]" }.joined(separator: ", ")
                protocols.append("\(JSONText.quote(proto.rawValue)): [\(ranges)]")
            }
            out += "    {\"src\": \(JSONText.quote(e.source.description)), \"dst\": \(JSONText.quote(e.destination.description)), "
            out += "\"conn\": \(JSONText.quote(e.connections.description)), \"allowed\": {\(protocols.joined(separator: ", "))}}"
        }
        out += map.entries.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }
}

enum JSONText {
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

enum MarkdownText {
    /// Text safe inside a table cell.
    static func cell(_ s: String) -> String {
        // Most cells need nothing: a scan of the bytes is far cheaper than three replacements.
        guard s.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "|") || $0 == 0x0A }) else { return s }
        return s.replacingAll("\\", with: "\\\\").replacingAll("|", with: "\\|").replacingAll("\n", with: " ")
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        replacingOccurrences(of: target, with: replacement)
    }
}
