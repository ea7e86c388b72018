import BulkheadCore
import Dispatch
import Foundation
import Synchronization

/// What a set of manifests yielded: the objects, and every document that could not be read.
public struct LoadResult: Sendable {
    public var objects: RawObjects
    public var errors: [LoadError]
    /// Files read, in the order they were read.
    public var files: [String]
    /// Every file read, with the SHA-256 of its bytes: the input evidence reports carry.
    public var digests: [FileDigest]

    public init(objects: RawObjects = RawObjects(), errors: [LoadError] = [], files: [String] = [], digests: [FileDigest] = []) {
        self.objects = objects
        self.errors = errors
        self.files = files
        self.digests = digests
    }

    /// Another load's objects and errors (a page of a live List).
    mutating func add(_ other: LoadResult) {
        objects.append(other.objects)
        errors += other.errors
    }

    /// Items read in chunks, in input order.
    mutating func add(_ chunks: [ManifestLoader.ItemChunk]) {
        for chunk in chunks {
            objects.append(chunk.objects)
            errors += chunk.errors
        }
    }

    /// The cluster state, with every unreadable document recorded so that the results
    /// depending on it are indeterminate rather than silently passing.
    public func clusterState(options: ModelOptions = .standard, source: InputSource = .manifests) -> ClusterState {
        var raw = objects
        for error in errors {
            raw.diagnostics.append(Diagnostic(.error, error.description,
                                              source: SourceLocation(file: error.file, line: error.line, document: error.document),
                                              object: error.object))
            raw.unreadable.append(UnreadableKind(kind: error.object?.kind ?? "*", namespace: error.object?.namespace,
                                                 reason: error.description))
        }
        var state = ClusterState.assemble(raw, options: options)
        state.source = source
        return state
    }
}

public struct ManifestLoader: Sendable {
    public var defaultNamespace: String
    /// About how much of a large List each core reads at a time (see `ParallelList`); tests
    /// make it small, and `Int.max` reads every List the sequential way.
    var parallelPieceBytes = 2 << 20

    public init(defaultNamespace: String = "default") {
        self.defaultNamespace = defaultNamespace
    }

    public enum PathError: Error, CustomStringConvertible {
        case notFound(String)
        case unreadable(String, String)

        public var description: String {
            switch self {
            case let .notFound(path): return "\(path): no such file or directory"
            case let .unreadable(path, reason): return "\(path): cannot be read: \(reason)"
            }
        }
    }

    /// Loads files and directories (recursively; `.yaml`, `.yml` and `.json` files, in name
    /// order) and `-` for standard input.
    public func load(paths: [String]) throws -> LoadResult {
        var result = LoadResult()
        for path in paths {
            if path == "-" {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                load(bytes: [UInt8](data), name: "<stdin>", into: &result)
                continue
            }
            for file in try expand(path) {
                let read: Void? = FileBytes.withContents(of: file) { load(buffer: $0, name: file, into: &result) }
                guard read != nil else { throw PathError.unreadable(file, "permission denied or not a regular file") }
            }
        }
        return result
    }

    public func load(text: String, name: String) -> LoadResult {
        var result = LoadResult()
        load(bytes: Array(text.utf8), name: name, into: &result)
        return result
    }

    func expand(_ path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw PathError.notFound(path) }
        guard isDirectory.boolValue else { return [path] }
        guard let enumerator = FileManager.default.enumerator(atPath: path) else {
            throw PathError.unreadable(path, "cannot list directory")
        }
        var files: [String] = []
        for case let relative as String in enumerator {
            let lower = relative.lowercased()
            guard lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json") else { continue }
            // Hidden directories (.git, .github) hold no cluster objects.
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            let full = (path as NSString).appendingPathComponent(relative)
            var dir: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &dir), !dir.boolValue { files.append(full) }
        }
        return files.sorted()
    }

    public func load(bytes: [UInt8], name: String, into result: inout LoadResult) {
        bytes.withUnsafeBufferPointer { load(buffer: $0, name: name, into: &result) }
    }

    /// The bytes stay valid for the call only; the threads that read them end within it.
    func load(buffer bytes: UnsafeBufferPointer<UInt8>, name: String, into result: inout LoadResult) {
        result.files.append(name)
        let reader = ObjectReader(defaultNamespace: defaultNamespace, file: name)
        guard Self.looksLikeJSON(bytes) else {
            result.digests.append(FileDigest(path: name, sha256: ContentDigest.hex(UnsafeRawBufferPointer(bytes))))
            return loadYAML(bytes: bytes, name: name, reader: reader, into: &result)
        }
        let json = JSONReader()
        let shared = SharedBytes(buffer: bytes)
        if let list = Self.readListInParallel(shared, with: json, reader, pieceBytes: parallelPieceBytes) {
            result.digests.append(FileDigest(path: name, sha256: list.digest))
            result.add(list.chunks)
            readPending(list.chunks.flatMap(\.pending), of: list.root, reader, into: &result)
            return
        }
        // The digest is taken beside the first pass over the items: both read every byte.
        let digest = Mutex("")
        let split = Mutex<Result<(root: Value, items: [JSONReader.ItemSpan])?, any Error>>(.success(nil))
        DispatchQueue.concurrentPerform(iterations: 2) { task in
            if task == 0 {
                let hex = ContentDigest.hex(UnsafeRawBufferPointer(shared.buffer))
                digest.withLock { $0 = hex }
            } else {
                let outcome = Result { try json.splitList(shared.buffer) }
                split.withLock { $0 = outcome }
            }
        }
        result.digests.append(FileDigest(path: name, sha256: digest.withLock { $0 }))
        do {
            guard let (root, spans) = try split.withLock({ $0 }).get() else {
                result.errors += reader.read(try json.parse(bytes), document: 1, line: 1, into: &result.objects)
                return
            }
            let chunks = try Self.readItems(spans, of: shared, with: json, reader, defaults: nil)
            result.add(chunks)
            readPending(chunks.flatMap(\.pending), of: root, reader, into: &result)
        } catch let error as JSONReader.ParseError {
            result.errors.append(LoadError(file: name, document: 1, line: error.line, object: nil,
                                           error: InputError("invalid JSON: \(error.message)")))
        } catch {
            result.errors.append(LoadError(file: name, document: 1, line: 1, object: nil, error: InputError("\(error)")))
        }
    }

    /// Items without a kind wait for the List's own kind (`PodList`), which may come after them.
    func readPending(_ pending: [Value], of root: Value, _ reader: ObjectReader, into result: inout LoadResult) {
        if case .object(var fields, let line) = root {
            fields["items"] = .array(pending, line: line)
            result.errors += reader.read(.object(fields, line: line), document: 1, line: 1, into: &result.objects)
        }
    }

    /// One page of a live List, read straight into `result` (no file, no digest): items take
    /// the listed kind and apiVersion where the API leaves them out. Throws, adding nothing,
    /// when the page is not valid JSON, so that the caller can ask again; returns the page
    /// without its items (for `metadata.continue`) and how many items it had, or nil when it
    /// has no items list.
    func loadPage(_ bytes: [UInt8], kind: String, apiVersion: String, into result: inout LoadResult) throws -> (root: Value, items: Int)? {
        try bytes.withUnsafeBufferPointer { buffer in
            let json = JSONReader()
            guard let (root, spans) = try json.splitList(buffer) else { return nil }
            let reader = ObjectReader(defaultNamespace: defaultNamespace, file: "")
            result.add(try Self.readItems(spans, of: SharedBytes(buffer: buffer), with: json, reader, defaults: (kind, apiVersion)))
            return (root, spans.count)
        }
    }

    func loadYAML(bytes: UnsafeBufferPointer<UInt8>, name: String, reader: ObjectReader, into result: inout LoadResult) {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            result.errors.append(LoadError(file: name, document: 1, line: 1, object: nil,
                                           error: InputError("the file is not valid UTF-8")))
            return
        }
        for document in YAMLReader.split(text) {
            do {
                let value = try YAMLReader.parse(document)
                result.errors += reader.read(value, document: document.index, line: document.line, into: &result.objects)
            } catch let error as YAMLError {
                result.errors.append(LoadError(file: name, document: document.index, line: error.line,
                                               object: Self.guessRef(document.text, defaultNamespace: defaultNamespace),
                                               error: InputError("invalid YAML: \(error.message)")))
            } catch {
                result.errors.append(LoadError(file: name, document: document.index, line: document.line, object: nil,
                                               error: InputError("\(error)")))
            }
        }
    }

    struct ItemChunk: Sendable {
        var objects = RawObjects()
        var errors: [LoadError] = []
        var pending: [Value] = []
        var failure: JSONReader.ParseError?
    }

    /// Bytes that several threads read and none writes, within one call.
    struct SharedBytes: @unchecked Sendable {
        let buffer: UnsafeBufferPointer<UInt8>
    }

    /// Parses and reads a List's items in chunks on every core; the chunks come back in input
    /// order, so the result is the same as reading the items one after another. The first
    /// syntax error in input order is thrown, as a sequential read would. `defaults`: the kind
    /// and apiVersion of items that lack them (a live List's); without them, such items are
    /// returned as pending, for the List's own kind.
    static func readItems(_ spans: [JSONReader.ItemSpan], of bytes: SharedBytes, with json: JSONReader,
                          _ reader: ObjectReader, defaults: (kind: String, apiVersion: String)?) throws -> [ItemChunk] {
        let chunkCount = min(spans.count, 64)
        guard chunkCount > 0 else { return [] }
        let chunks = Mutex<[ItemChunk]>(Array(repeating: ItemChunk(), count: chunkCount))
        DispatchQueue.concurrentPerform(iterations: chunkCount) { c in
            var chunk = ItemChunk()
            for i in (spans.count * c / chunkCount)..<(spans.count * (c + 1) / chunkCount) {
                do {
                    _ = try readItem(at: spans[i], of: bytes, with: json, reader, defaults: defaults, into: &chunk)
                } catch {
                    chunk.failure = error as? JSONReader.ParseError ?? JSONReader.ParseError(message: "\(error)", line: spans[i].line)
                    break
                }
            }
            chunks.withLock { $0[c] = chunk }
        }
        let all = chunks.withLock { $0 }
        if let failure = all.lazy.compactMap(\.failure).first { throw failure }
        return all
    }

    /// One item into `chunk`: a plain pod or workload straight from the bytes, anything else
    /// through the generic reader; items without a kind wait in `pending`. Returns where the
    /// item ends.
    static func readItem(at span: JSONReader.ItemSpan, of bytes: SharedBytes, with json: JSONReader, _ reader: ObjectReader,
                         defaults: (kind: String, apiVersion: String)?, into chunk: inout ItemChunk) throws -> JSONReader.ItemSpan {
        if let plain = PlainPodReader.readAndEnd(bytes.buffer, at: span, defaultNamespace: reader.defaultNamespace, file: reader.file,
                                                  defaults: defaults) {
            chunk.objects.pods.append(plain.pod)
            return plain.end
        }
        if let plain = PlainWorkloadReader.readAndEnd(bytes.buffer, at: span, defaultNamespace: reader.defaultNamespace, file: reader.file,
                                                      defaults: defaults) {
            chunk.objects.workloads.append(plain.workload)
            return plain.end
        }
        var (item, end) = try json.parseItemAndEnd(bytes.buffer, at: span)
        if let defaults { item = ObjectReader.withListDefaults(item, kind: defaults.kind, apiVersion: defaults.apiVersion) }
        if item["kind"] == nil {
            chunk.pending.append(item)
        } else {
            chunk.errors += reader.read(item, document: 1, line: item.line ?? 1, into: &chunk.objects)
        }
        return end
    }

    static func looksLikeJSON(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in bytes {
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF: continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): return true
            default: return false
            }
        }
        return false
    }

    /// For a document YAML cannot parse: its kind and namespace from the raw text, so that
    /// the unreadable object can still be scoped (or else everything is indeterminate).
    static func guessRef(_ text: String, defaultNamespace: String) -> ObjectRef? {
        var kind: String?
        var namespace: String?
        var name: String?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("kind:") { kind = line.dropFirst(5).trimmingCharacters(in: .whitespaces) }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("  "), trimmed.hasPrefix("namespace:"), namespace == nil {
                namespace = trimmed.dropFirst(10).trimmingCharacters(in: .whitespaces)
            }
            if line.hasPrefix("  "), trimmed.hasPrefix("name:"), name == nil {
                name = trimmed.dropFirst(5).trimmingCharacters(in: .whitespaces)
            }
        }
        guard let kind, !kind.isEmpty else { return nil }
        if let n = name, n.hasPrefix("[") || n.hasPrefix("{") || n.isEmpty { name = nil }
        return ObjectRef(kind: kind, namespace: kind == "Namespace" ? nil : (namespace ?? defaultNamespace), name: name ?? "?")
    }
}
