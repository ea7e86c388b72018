import Foundation

/// Locates `../shared/` (other projects' files, never copied into the repository).
enum SharedFiles {
    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    static var shared: URL? {
        if let env = ProcessInfo.processInfo.environment["BULKHEAD_SHARED"] { return URL(fileURLWithPath: env) }
        let url = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    static var corpusCases: URL? {
        guard let shared else { return nil }
        let url = shared.appendingPathComponent("corpus/netpol-analyzer/cases")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    static let missingMessage = "../shared is absent: the corpus and schema tests are skipped"
}
