import BulkheadCore
import Foundation

/// Evidence of what a live scan fetched: the objects (kinds filled in), the cluster identity,
/// what could not be read, and when. `bulkhead scan --snapshot FILE` re-scans it offline with
/// the same results as the live scan.
public enum Snapshot {
    public static func make(items: [Value], identity: ClusterIdentity, unreadable: [UnreadableKind], diagnostics: [Diagnostic],
                            fetchedAt: String = "") -> Value {
        var id: [String: Value] = ["insecureSkipTLSVerify": .bool(identity.insecureSkipTLSVerify)]
        if let v = identity.context { id["context"] = .string(v) }
        if let v = identity.server { id["server"] = .string(v) }
        if let v = identity.kubernetesVersion { id["kubernetesVersion"] = .string(v) }
        if let v = identity.clusterID { id["clusterID"] = .string(v) }
        if let v = identity.cni { id["cni"] = .string(v) }
        let unread: [Value] = unreadable.map { u in
            var f: [String: Value] = ["kind": .string(u.kind), "reason": .string(u.reason)]
            if let ns = u.namespace { f["namespace"] = .string(ns) }
            return .object(f, line: 0)
        }
        let notes: [Value] = diagnostics.map { .object(["severity": .string($0.severity.rawValue), "message": .string($0.message)], line: 0) }
        return .object([
            "apiVersion": .string("bulkhead.dev/v1"), "kind": .string("Snapshot"), "fetchedAt": .string(fetchedAt),
            "identity": .object(id, line: 0), "unreadable": .array(unread, line: 0), "diagnostics": .array(notes, line: 0),
            "objects": .object(["apiVersion": .string("v1"), "kind": .string("List"), "items": .array(items, line: 0)], line: 0),
        ], line: 0)
    }

    public static func isSnapshot(_ value: Value) -> Bool {
        value["kind"]?.stringValue == "Snapshot" && value["apiVersion"]?.stringValue == "bulkhead.dev/v1"
    }

    public static func identity(_ snapshot: Value) -> ClusterIdentity {
        let id = snapshot["identity"]
        return ClusterIdentity(context: id?["context"]?.stringValue, server: id?["server"]?.stringValue,
                               kubernetesVersion: id?["kubernetesVersion"]?.stringValue, clusterID: id?["clusterID"]?.stringValue,
                               cni: id?["cni"]?.stringValue, insecureSkipTLSVerify: id?["insecureSkipTLSVerify"] == .bool(true))
    }

    /// The objects of a snapshot as a load, with what was unreadable carried over. Items are
    /// read one by one, as a live scan reads them, so that errors read the same.
    public static func load(_ snapshot: Value, name: String) -> LoadResult {
        var result = LoadResult()
        let reader = ObjectReader(defaultNamespace: "default", file: name)
        if case let .array(items, _)? = snapshot["objects"]?["items"] {
            for item in items { result.errors += reader.read(item, document: 1, line: item.line ?? 1, into: &result.objects) }
        } else if let objects = snapshot["objects"] {
            result.errors += reader.read(objects, document: 1, line: 0, into: &result.objects)
        }
        if case let .array(unread, _)? = snapshot["unreadable"] {
            for u in unread {
                result.objects.unreadable.append(UnreadableKind(kind: u["kind"]?.stringValue ?? "*", namespace: u["namespace"]?.stringValue,
                                                                reason: u["reason"]?.stringValue ?? "unreadable"))
            }
        }
        if case let .array(notes, _)? = snapshot["diagnostics"] {
            for n in notes {
                let severity = Diagnostic.Severity(rawValue: n["severity"]?.stringValue ?? "info") ?? .info
                result.objects.diagnostics.append(Diagnostic(severity, n["message"]?.stringValue ?? ""))
            }
        }
        return result
    }

    public enum SnapshotError: Error, CustomStringConvertible {
        case notASnapshot(String)
        case unreadable(String, String)
        public var description: String {
            switch self {
            case let .notASnapshot(path): return "\(path): not a Bulkhead snapshot (kind: Snapshot, apiVersion: bulkhead.dev/v1)"
            case let .unreadable(path, why): return "\(path): \(why)"
            }
        }
    }

    /// Reads a snapshot file: its objects, identity, and the file's SHA-256.
    public static func read(path: String) throws -> (load: LoadResult, identity: ClusterIdentity, fetchedAt: String?) {
        guard let data = FileManager.default.contents(atPath: path) else { throw SnapshotError.unreadable(path, "cannot be read") }
        let bytes = [UInt8](data)
        let value: Value
        do {
            value = try JSONReader().parse(bytes)
        } catch let error as JSONReader.ParseError {
            throw SnapshotError.unreadable(path, "invalid JSON at line \(error.line): \(error.message)")
        }
        guard isSnapshot(value) else { throw SnapshotError.notASnapshot(path) }
        var load = Self.load(value, name: "")
        load.files = [path]
        load.digests = [FileDigest(path: path, sha256: ContentDigest.hex(bytes))]
        return (load, identity(value), value["fetchedAt"]?.stringValue)
    }
}

/// The fetched objects of a snapshot, already as the snapshot's JSON (compact, sorted keys):
/// a large cluster's objects as trees would take several times the memory.
public struct SnapshotItems: Sendable {
    /// The items, comma-separated.
    private(set) var json: [UInt8] = []
    public private(set) var count = 0

    public init() {}

    mutating func append(_ item: Value) {
        if count > 0 { json.append(UInt8(ascii: ",")) }
        JSONWriter.write(item, into: &json)
        count += 1
    }

    mutating func append(contentsOf other: SnapshotItems) {
        guard other.count > 0 else { return }
        if count > 0 { json.append(UInt8(ascii: ",")) }
        json += other.json
        count += other.count
    }
}

/// A snapshot to save: the same bytes as `JSONWriter.write(Snapshot.make(...))`, built from
/// items already written as JSON.
public struct SnapshotDocument: Sendable {
    public var items: SnapshotItems
    public var identity: ClusterIdentity
    public var unreadable: [UnreadableKind]
    public var diagnostics: [Diagnostic]

    public func bytes(fetchedAt: String) -> [UInt8] {
        // Everything but the items through the writer; the items go where it left an empty list.
        // The marker's quotes cannot occur unescaped inside a string, so it is found only where
        // the writer put it, and `objects` sorts after every key before it.
        let shell = JSONWriter.write(Snapshot.make(items: [], identity: identity, unreadable: unreadable, diagnostics: diagnostics,
                                                   fetchedAt: fetchedAt))
        let marker = Array(#""objects":{"apiVersion":"v1","items":["#.utf8)
        guard let at = shell.firstRange(of: marker) else { preconditionFailure("the snapshot writer left no items list") }
        var out: [UInt8] = []
        out.reserveCapacity(shell.count + items.json.count)
        out += shell[..<at.upperBound]
        out += items.json
        out += shell[at.upperBound...]
        return out
    }
}
