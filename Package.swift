// swift-tools-version:6.0
import PackageDescription

// Dependency arrows point toward BulkheadCore (pure model and semantics, no I/O).
// Reporters render a Report value and never import Checks or the Scanner, so a saved
// JSON report can be rendered again.
let package = Package(
    name: "Bulkhead",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bulkhead", targets: ["bulkhead"]),
        .executable(name: "bulkhead-bench", targets: ["BulkheadBench"]),
        .executable(name: "bulkhead-fuzz", targets: ["FuzzParsers"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .target(name: "BulkheadCore", path: "Sources/BulkheadCore", exclude: ["README.md"]),
        // Named BulkheadScanner so that it never clashes with Foundation.Scanner.
        .target(
            name: "BulkheadScanner",
            dependencies: ["BulkheadCore", "CCurl", "CCrypto", .product(name: "Yams", package: "Yams")],
            path: "Sources/Scanner",
            exclude: ["README.md"]
        ),
        .target(name: "Checks", dependencies: ["BulkheadCore"], path: "Sources/Checks", exclude: ["README.md"]),
        // libxml2 behind a narrow C interface: its headers include the system ICU, which
        // clashes with Foundation's own, so Swift must never import them directly.
        .target(
            name: "CLibXML2",
            path: "Sources/CLibXML2",
            exclude: ["README.md"],
            cSettings: [.unsafeFlags(["-I/usr/include/libxml2"])],
            linkerSettings: [.linkedLibrary("xml2")]
        ),
        // libcurl behind typed C functions: curl_easy_setopt is variadic.
        .target(name: "CCurl", path: "Sources/CCurl", exclude: ["README.md"], linkerSettings: [.linkedLibrary("curl")]),
        // libcrypto's SHA-256 for large digests, so Swift never imports OpenSSL's headers.
        .target(name: "CCrypto", path: "Sources/CCrypto", exclude: ["README.md"], linkerSettings: [.linkedLibrary("crypto")]),
        .target(
            name: "Reporters", dependencies: ["BulkheadCore", "CLibXML2"], path: "Sources/Reporters", exclude: ["README.md"]
        ),
        .executableTarget(
            name: "bulkhead",
            dependencies: [
                "BulkheadCore", "BulkheadScanner", "Checks", "Reporters",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/bulkhead",
            exclude: ["README.md"]
        ),
        // `make fuzz` builds it with -sanitize=fuzzer -DFUZZING; otherwise it replays inputs.
        .executableTarget(name: "FuzzParsers", dependencies: ["BulkheadCore", "BulkheadScanner"], path: "Fuzz/FuzzParsers"),
        .executableTarget(name: "BulkheadBench", dependencies: ["BulkheadCore", "Checks"], path: "Benchmarks/BulkheadBench"),
        .testTarget(name: "BulkheadCoreTests", dependencies: ["BulkheadCore", "BulkheadScanner"], path: "Tests/BulkheadCoreTests"),
        .testTarget(name: "ScannerTests", dependencies: ["BulkheadScanner", "BulkheadCore"], path: "Tests/ScannerTests"),
        .testTarget(
            name: "ChecksTests",
            dependencies: ["Checks", "BulkheadScanner", "BulkheadCore"],
            path: "Tests/ChecksTests"
        ),
        .testTarget(
            name: "ReportersTests",
            dependencies: ["Reporters", "Checks", "BulkheadScanner", "BulkheadCore", "CLibXML2"],
            path: "Tests/ReportersTests"
        ),
        .testTarget(name: "CLITests", dependencies: ["bulkhead"], path: "Tests/CLITests"),
        .testTarget(
            name: "LiveTests",
            dependencies: ["BulkheadScanner", "BulkheadCore", "Checks", "bulkhead"],
            path: "Tests/LiveTests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
