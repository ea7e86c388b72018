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
        var out: [UInt8] = []
        quote(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// Quote, backslash, \n, \r and \t escaped by name, other control characters as \u00XX.
    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(0x5C); out.append(b)
            case UInt8(ascii: "\\"): out.append(0x5C); out.append(b)
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            case 0..<0x20: out += [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(b >> 4)], hex[Int(b & 0x0F)]]
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
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
