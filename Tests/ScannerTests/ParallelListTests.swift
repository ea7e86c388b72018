import BulkheadCore
@testable import BulkheadScanner
import Foundation
import Testing

/// Large Lists are cut at guessed item starts and read by every core; the guesses are checked
/// as they are used. Whatever the layout and the cut, the result must be what the sequential
/// reader gives, down to lines and errors.
@Suite struct ParallelListTests {
    static func items(_ count: Int) -> [String] {
        (0..<count).map { i in
            switch i % 4 {
            case 0: return #"{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p\#(i)", "namespace": "ns\#(i % 5)", "labels": {"app": "a\#(i % 3)"}}, "spec": {"containers": [{"name": "c", "ports": [{"containerPort": 80, "name": "http"}]}, {"name": "d"}]}, "status": {"phase": "Running", "podIP": "10.0.0.\#(i % 250)", "hostIP": "192.168.0.1"}}"#
            case 1: return #"{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d\#(i)", "namespace": "ns\#(i % 5)"}, "spec": {"template": {"metadata": {"labels": {"app": "a\#(i % 3)"}}, "spec": {"containers": [{"name": "c"}]}}}}"#
            case 2: return #"{"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "n\#(i)", "namespace": "ns\#(i % 5)"}, "spec": {"podSelector": {"matchLabels": {"app": "a\#(i % 3)"}}, "ingress": [{"from": [{"podSelector": {}}]}]}}"#
            default: return #"{"metadata": {"name": "bare\#(i)", "namespace": "ns\#(i % 5)"}, "spec": {"containers": [{"name": "c"}]}}"#
            }
        }
    }

    /// The same List laid out as kubectl prints it, one item per line, or all on one line.
    static func layouts(_ count: Int) -> [(String, String)] {
        let items = items(count)
        let compact = #"{"apiVersion": "v1", "kind": "PodList", "items": ["# + "\n" + items.joined(separator: ",\n") + "\n" + #"], "metadata": {"resourceVersion": "1"}}"#
        let pretty = try! String(decoding: JSONSerialization.data(withJSONObject: JSONSerialization.jsonObject(with: Data(compact.utf8)),
                                                                  options: [.prettyPrinted, .sortedKeys]), as: UTF8.self)
        let oneLine = compact.replacingOccurrences(of: "\n", with: "")
        // A nested object starting a line at the items' indentation: guesses may land on it.
        let misleading = compact.replacingOccurrences(of: #"{"name": "d"}"#, with: "\n" + #"{"name": "d"}"#)
        return [("one item per line", compact), ("pretty", pretty), ("one line", oneLine), ("misleading lines", misleading)]
    }

    static func load(_ text: String, pieceBytes: Int) -> LoadResult {
        var loader = ManifestLoader()
        loader.parallelPieceBytes = pieceBytes
        return loader.load(text: text, name: "list.json")
    }

    static func expectSame(_ a: LoadResult, _ b: LoadResult, _ what: String) {
        #expect(a.objects.pods.map(\.pod) == b.objects.pods.map(\.pod), "\(what)")
        #expect(a.objects.workloads == b.objects.workloads, "\(what)")
        #expect(a.objects.policies == b.objects.policies, "\(what)")
        #expect(a.objects.diagnostics == b.objects.diagnostics, "\(what)")
        #expect(a.errors.map(\.description) == b.errors.map(\.description), "\(what)")
        #expect(a.digests == b.digests, "\(what)")
    }

    @Test(arguments: [60, 400, 3_000, 20_000])
    func everyLayoutAndCutGivesTheSequentialResult(_ pieceBytes: Int) {
        for (name, text) in Self.layouts(200) {
            let sequential = Self.load(text, pieceBytes: .max)
            #expect(sequential.errors.isEmpty && sequential.objects.pods.count == 100, "\(name): \(sequential.errors.prefix(2))")
            Self.expectSame(Self.load(text, pieceBytes: pieceBytes), sequential, "\(name), pieces of \(pieceBytes) bytes")
        }
    }

    @Test func wellLaidOutListsAreReadInParallelAndMisleadingOnesAreNot() throws {
        for (name, text) in Self.layouts(200) {
            let bytes = Array(text.utf8)
            let parallel = bytes.withUnsafeBufferPointer { buffer in
                ManifestLoader.readListInParallel(ManifestLoader.SharedBytes(buffer: buffer), with: JSONReader(),
                                                  ObjectReader(defaultNamespace: "default", file: "list.json"), pieceBytes: 500)
            }
            switch name {
            case "one line": #expect(parallel == nil, "nothing to cut at")
            case "misleading lines": #expect(parallel == nil, "a cut at a nested object is caught")
            default:
                let read = try #require(parallel, "\(name)")
                #expect(read.chunks.count > 10, "\(name): \(read.chunks.count) pieces")
            }
        }
    }

    @Test(arguments: [#""name": "p8""#, #""podIP": "10.0.0.8""#, #"{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d101""#])
    func aBrokenListIsReportedAsTheSequentialReaderReportsIt(_ target: String) {
        var tried = 0
        for (name, text) in Self.layouts(200) where name != "one line" && text.contains(target) {
            tried += 1
            let broken = text.replacingOccurrences(of: target, with: target.dropLast() + "\u{01}\"")
            let sequential = Self.load(broken, pieceBytes: .max)
            #expect(sequential.errors.count == 1, "\(name)")
            Self.expectSame(Self.load(broken, pieceBytes: 300), sequential, "\(name) with \(target)")
        }
        #expect(tried >= 2)
    }

    @Test func newlinesAreCountedAsBytesAre() {
        var rng = SplitMix64(seed: 3)
        for length in [0, 1, 7, 8, 9, 63, 64, 65, 1000] {
            let bytes = (0..<length).map { _ in [0x0A, 0x0B, 0x09, 0x8A, 0x41][Int(rng.next() % 5)] as UInt8 }
            let counted = bytes.withUnsafeBufferPointer { ManifestLoader.countNewlines($0) }
            #expect(counted == bytes.count { $0 == 0x0A }, "length \(length)")
        }
    }
}
