import Foundation

/// Real validators that run on this machine: Python's jsonschema and cmark-gfm (installed by
/// `make test` when missing).
enum ExternalValidators {
    struct Outcome {
        var status: Int32
        var output: String
    }

    static func run(_ arguments: [String], stdin: Data? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let out = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    static func available(_ tool: String) -> Bool {
        (try? run(["sh", "-c", "command -v \(tool)"]).status) == 0
    }

    /// Validates a JSON document against a JSON Schema (draft picked from `$schema`).
    static func jsonSchema(_ document: [UInt8], schema: URL) throws -> Outcome {
        let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        doc = json.load(sys.stdin)
        cls = jsonschema.validators.validator_for(schema)
        errors = sorted(cls(schema, format_checker=jsonschema.FormatChecker()).iter_errors(doc), key=lambda e: list(e.path))
        for e in errors[:20]:
            print("/".join(map(str, e.path)), e.message[:300])
        sys.exit(1 if errors else 0)
        """
        return try run(["python3", "-c", script, schema.path], stdin: Data(document))
    }

    static func gfmToHTML(_ markdown: String) throws -> Outcome {
        try run(["cmark-gfm", "-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "tasklist"], stdin: Data(markdown.utf8))
    }
}
