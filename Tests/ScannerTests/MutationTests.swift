import BulkheadCore
@testable import BulkheadScanner
import Foundation
import Testing

/// Structure-aware mutations of real inputs, seeded and deterministic: truncation, byte
/// flips, wrong types, huge numbers, deep nesting, alias bombs, invalid UTF-8, very large
/// documents. Every parser must answer (an object or an error naming the line), never crash
/// or hang.
@Suite struct MutationTests {
    static let seedInputs: [(String, String)] = {
        var inputs = DemoManifests.files.map { ("examples/demo/\($0.0)", $0.1) }
        inputs.append(("examples/bulkhead-demo.yaml", DemoConfiguration.text))
        inputs += BuiltInProfileFiles.files.prefix(3).map { ("benchmarks-profiles/\($0.0)", $0.1) }
        return inputs
    }()

    struct Mutator {
        var rng: SplitMix64

        mutating func int(_ n: Int) -> Int { Int(rng.next() % UInt64(max(n, 1))) }

        mutating func mutate(_ text: String) -> [UInt8] { mutate(text, kind: int(11)) }

        mutating func mutate(_ text: String, kind: Int) -> [UInt8] {
            var bytes = Array(text.utf8)
            switch kind {
            case 0: bytes = Array(bytes.prefix(int(bytes.count)))                                      // truncation
            case 1: for _ in 0..<1 + int(8) where !bytes.isEmpty { bytes[int(bytes.count)] = UInt8(truncatingIfNeeded: rng.next()) }  // byte flips
            case 2: bytes = Array(text.replacingOccurrences(of: ": ", with: ": [", options: [], range: nil).utf8)   // wrong types
            case 3: bytes = Array(text.replacingOccurrences(of: "8080", with: "99999999999999999999999").utf8)      // huge numbers
            case 4: bytes = Array(("a: " + String(repeating: "[", count: 2000) + String(repeating: "]", count: 2000)).utf8)  // deep nesting
            case 5: bytes = Array(Self.aliasBomb.utf8)                                                 // alias bomb
            case 6: bytes.insert(contentsOf: [0xC3, 0x28, 0xFF, 0xFE], at: int(bytes.count + 1))      // invalid UTF-8
            case 7: bytes = Array(String(repeating: text + "\n---\n", count: 40).utf8)                 // large
            case 8: bytes = Array(text.replacingOccurrences(of: "\n  ", with: "\n ").utf8)             // broken indentation
            case 9: bytes = Array(text.replacingOccurrences(of: "name:", with: "name: {").utf8)        // unbalanced flow
            default: bytes = Array(("{\"kind\": \"List\", \"items\": [" + String(repeating: "{\"kind\": \"Pod\", \"metadata\": {\"name\": 7}},", count: 50)).utf8)  // truncated JSON list
            }
            return bytes
        }

        static let aliasBomb: String = {
            var t = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            for i in 1...9 { t += "l\(i): &l\(i) [" + Array(repeating: "*\(i == 1 ? "a" : "l\(i - 1)")", count: 10).joined(separator: ", ") + "]\n" }
            return t
        }()
    }

    static let perSeed = 40

    @Test func everyParserSurvivesMutatedInputs() throws {
        var mutator = Mutator(rng: SplitMix64(seed: 20261130))
        var tried = 0, rejected = 0
        let knownChecks = ConfigLoader.KnownChecks(ids: ["NP-0001", "NP-0016"], slugs: [:], options: ["NP-0016": ["dnsSelector"]])
        let start = Date()
        for (name, text) in Self.seedInputs {
            for _ in 0..<Self.perSeed {
                let bytes = mutator.mutate(text)
                tried += 1
                var result = LoadResult()
                ManifestLoader().load(bytes: bytes, name: name, into: &result)
                for error in result.errors {
                    #expect(error.file == name && error.line >= 1, "an error must name file and line: \(error)")
                }
                rejected += result.errors.isEmpty ? 0 : 1
                _ = result.clusterState()
                let string = String(decoding: bytes, as: UTF8.self)
                if let error = Result(catching: { try ConfigLoader.load(text: string, name: name, checks: knownChecks) }).failureValue {
                    #expect("\(error)".hasPrefix(name), "\(error)")
                }
                _ = try? ProfileLoader.load(text: string, name: name, knownChecks: ["NP-0001"])
                _ = try? Kubeconfig().mergedCopy(text: string, path: "/tmp/\(name)")
                _ = try? JSONReader().parse(bytes)
            }
        }
        let selectors = ["app == 'x' &&", "has(", "!!!", "a in {'b'", "((((", "a === 'b'", String(repeating: "(", count: 300)]
        for s in selectors { _ = try? CalicoSelector.parse(s, target: .pod); tried += 1 }
        for c in ["10.0.0.0/33", "::/129", "1.2.3.4/-1", "", "/", "fe80::1%eth0/64", String(repeating: "1", count: 100)] { #expect(CIDR(c) == nil); tried += 1 }
        print("mutation test: \(tried) mutated inputs tried, \(rejected) rejected with a located error, \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
        #expect(tried >= 500)
        #expect(Date().timeIntervalSince(start) < 120, "bounded time")
    }
}

extension Result where Failure == Error {
    var failureValue: Error? { if case let .failure(e) = self { return e } else { return nil } }
}

extension Kubeconfig {
    func mergedCopy(text: String, path: String) throws -> Kubeconfig {
        var copy = self
        try copy.merge(text: text, path: path)
        return copy
    }
}
