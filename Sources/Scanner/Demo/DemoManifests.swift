enum DemoManifests { static let files: [(String, String)] = [] }
