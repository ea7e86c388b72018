import Checks
import Foundation
import Testing

@Suite struct CheckDocsTests {
    static let docs: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("docs/checks")
    }()

    @Test func committedCheckDocsAreFresh() throws {
        let generated = CheckDocs.files()
        for (name, content) in generated {
            let committed = try? String(contentsOf: Self.docs.appendingPathComponent(name), encoding: .utf8)
            #expect(committed == content, "docs/checks/\(name) is stale: run `make docs`")
        }
        let onDisk = Set(try FileManager.default.contentsOfDirectory(atPath: Self.docs.path))
        #expect(onDisk == Set(generated.map(\.0)), "docs/checks has files no check generates")
    }

    @Test func everyCheckHasAPageWithItsExamples() {
        for check in Catalogue.all {
            let page = CheckDocs.page(check.metadata)
            #expect(page.hasPrefix("# \(check.metadata.id) "))
            for example in check.metadata.compliant + check.metadata.violating { #expect(page.contains(example.manifest)) }
        }
    }
}
