import BulkheadCore

/// The metadata every object carries, with the namespace already defaulted.
struct Metadata {
    var name: String
    var namespace: String
    var labels: [String: String]
    var annotations: [String: String]
    var uid: String?
    var controller: (kind: String, name: String)?
    var source: SourceLocation

    init(_ object: Field, defaultNamespace: String, namespaced: Bool, source: SourceLocation) throws {
        guard let meta = object.child("metadata") else { throw InputError("metadata is required", path: "metadata") }
        guard let name = try meta.string("name"), !name.isEmpty else {
            throw InputError("metadata.name is required (generateName is not resolved offline)", path: "metadata.name", line: meta.line)
        }
        self.name = name
        let ns = try meta.string("namespace")
        namespace = namespaced ? ((ns?.isEmpty ?? true) ? defaultNamespace : ns!) : ""
        labels = try meta.stringMap("labels")
        try Metadata.validate(labels: labels, in: meta)
        annotations = try meta.stringMap("annotations")
        uid = try meta.string("uid")
        for ref in try meta.array("ownerReferences") where try ref.bool("controller") == true {
            controller = (try ref.string("kind") ?? "", try ref.string("name") ?? "")
            break
        }
        self.source = source
    }

    static func validate(labels: [String: String], in meta: Field?) throws {
        if let (key, problem) = LabelValidation.firstProblem(labels) {
            throw InputError(problem, path: "\(meta?.path ?? "metadata").labels.\(key)", line: meta?.line)
        }
    }
}
