/// The demo cluster compiled into the binary; `examples/demo/` holds the same manifests
/// (a test keeps the two identical).
public enum DemoCluster {
    /// The demo's configuration: waivers (one expired), intent assertions and zones.
    public static var configuration: String { DemoConfiguration.text }

    public static func load() -> LoadResult {
        var result = LoadResult()
        let loader = ManifestLoader()
        for (name, text) in DemoManifests.files {
            loader.load(bytes: Array(text.utf8), name: "examples/demo/\(name)", into: &result)
        }
        return result
    }
}
