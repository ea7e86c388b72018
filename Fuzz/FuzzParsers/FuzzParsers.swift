import BulkheadCore
import BulkheadScanner
import Foundation

/// One fuzz input through every parser that reads untrusted text.
func fuzzOne(_ bytes: [UInt8]) {
    var result = LoadResult()
    ManifestLoader().load(bytes: bytes, name: "fuzz.yaml", into: &result)
    _ = result.clusterState()
    _ = try? JSONReader().parse(bytes)
    let text = String(decoding: bytes, as: UTF8.self)
    _ = try? ConfigLoader.load(text: text, name: "fuzz-config.yaml",
                               checks: ConfigLoader.KnownChecks(ids: ["NP-0001"], slugs: [:], options: [:]))
    _ = try? ProfileLoader.load(text: text, name: "fuzz-profile.yaml", knownChecks: ["NP-0001"])
    _ = CIDR(text)
    _ = IPAddress(text)
}

#if FUZZING
/// libFuzzer's entry point (built with -sanitize=fuzzer: `make fuzz`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    fuzzOne(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
               _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

/// SwiftPM links an executable's entry point as `<module>_main`: hand control to libFuzzer's driver.
@_cdecl("FuzzParsers_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    var count = argc
    var vector: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return runDriver(&count, &vector) { data, size in fuzzInput(data, size) }
}
#else
/// Without libFuzzer: replay the files given (a corpus, or a crash to reproduce).
@main
struct Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            fuzzOne([UInt8](data))
        }
        print("replayed \(CommandLine.arguments.count - 1) input(s)")
    }
}
#endif
