import BulkheadCore
import BulkheadScanner
import Foundation
import Testing

/// The libcrypto digest and the portable one must agree byte for byte: reports carry the
/// former, and `sha256sum -c` checks them.
@Suite struct ContentDigestTests {
    @Test func knownVectors() {
        // FIPS 180-4 examples.
        #expect(ContentDigest.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(ContentDigest.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentDigest.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func agreesWithThePortableDigestAcrossBlockBoundaries() {
        var generator = SystemRandomNumberGenerator()
        // Every length around the 64-byte block and the 56-byte padding edge, then larger ones.
        for length in Array(0...200) + [1_000, 65_536, 1_000_003] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(ContentDigest.hex(bytes) == SHA256.hex(bytes), "length \(length)")
        }
    }

    @Test func agreesWithSha256sum() throws {
        let sha256sum = URL(fileURLWithPath: "/usr/bin/sha256sum")
        guard FileManager.default.isExecutableFile(atPath: sha256sum.path) else { return }
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-digest-\(UUID().uuidString)")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = sha256sum
        process.arguments = [file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(output.split(separator: " ").first.map(String.init) == ContentDigest.hex(bytes))
    }
}
