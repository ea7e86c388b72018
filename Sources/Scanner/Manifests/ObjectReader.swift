import BulkheadCore

/// Turns decoded documents into typed objects. `kind: List` and `…List` kinds (as the API
/// returns them, with items that lack kind and apiVersion) are expanded.
struct ObjectReader {
    static let workloadKinds: Set<String> = [
        "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob",
    ]

    var defaultNamespace: String
    var file: String

    /// Reads one document (which may be a List) into `objects`. Errors in one item do not
    /// stop the other items; each is returned.
    func read(_ value: Value, document: Int, line: Int, into objects: inout RawObjects) -> [LoadError] {
        guard case .object = value else {
            if value.isNull { return [] }
            return [LoadError(file: file, document: document, line: line, object: nil,
                              error: InputError("expected a Kubernetes object, found \(value.typeName)"))]
        }
        let root = Field(value, line: line)
        let kind = (try? root.string("kind")) ?? nil
        if let kind, kind == "List" || kind.hasSuffix("List") {
            let itemKind = kind == "List" ? nil : String(kind.dropLast(4))
            let itemAPIVersion = (try? root.string("apiVersion")) ?? nil
            guard let items = try? root.array("items") else {
                return [LoadError(file: file, document: document, line: line, object: nil,
                                  error: InputError("items must be a list", path: "items"))]
            }
            var errors: [LoadError] = []
            for (i, item) in items.enumerated() {
                let itemLine = item.value.line ?? line
                errors += readObject(item.value, document: document, itemIndex: i, line: itemLine, defaultKind: itemKind,
                                     defaultAPIVersion: itemAPIVersion, into: &objects)
            }
            return errors
        }
        return readObject(value, document: document, itemIndex: nil, line: value.line ?? line, defaultKind: nil,
                          defaultAPIVersion: nil, into: &objects)
    }

    private func readObject(_ value: Value, document: Int, itemIndex: Int?, line: Int, defaultKind: String?,
                            defaultAPIVersion: String?, into objects: inout RawObjects) -> [LoadError] {
        let prefix = itemIndex.map { "items[\($0)]" } ?? ""
        let field = Field(value, path: "", line: line)
        var ref: ObjectRef?
        do {
            guard case .object = value else { throw InputError("expected an object, found \(value.typeName)") }
            guard let kind = try field.string("kind") ?? defaultKind else { throw InputError("kind is required", path: "kind") }
            let apiVersion = try field.string("apiVersion") ?? defaultAPIVersion ?? ""
            let source = SourceLocation(file: file, line: line, document: document)
            let namespaced = !["Namespace", "AdminNetworkPolicy", "BaselineAdminNetworkPolicy", "ClusterNetworkPolicy", "CiliumClusterwideNetworkPolicy",
                               "GlobalNetworkPolicy"].contains(kind)
            let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
            // An unreadable name still lets the error name the object's kind.
            let name = (try? field.child("metadata")?.string("name")) ?? nil
            let ns = ((try? field.child("metadata")?.string("namespace")) ?? nil) ?? (namespaced ? defaultNamespace : nil)
            ref = ObjectRef(kind: kind, namespace: namespaced ? ns : nil, name: name ?? "?")
            guard Self.isModelled(kind: kind, apiVersion: apiVersion) else {
                let label = Self.isCoreGroup(apiVersion) || apiVersion.isEmpty ? kind : "\(kind) (\(apiVersion))"
                objects.ignoredKinds[label, default: 0] += 1
                return []
            }
            let meta = try Metadata(field, defaultNamespace: defaultNamespace, namespaced: namespaced, source: source)
            var warnings: [InputError] = []
            defer {
                for warning in warnings {
                    let at = prefix.isEmpty ? warning.description : "\(prefix).\(warning.description)"
                    objects.diagnostics.append(Diagnostic(.warning, at, source: SourceLocation(file: file, line: warning.line ?? line,
                                                                                               document: document), object: ref))
                }
            }
            switch kind {
            case "Namespace":
                objects.namespaces.append(Namespace(name: meta.name, labels: meta.labels, annotations: meta.annotations,
                                                    uid: meta.uid, source: source))
            case "Pod":
                objects.pods.append(try PodReader.pod(field, meta: meta, warnings: &warnings))
            case "Service":
                objects.services.append(try PodReader.service(field, meta: meta))
            case "CiliumNetworkPolicy", "CiliumClusterwideNetworkPolicy":
                objects.foreignPolicies += try ForeignPolicyReader.cilium(field, kind: kind, meta: meta, source: source)
            case "NetworkPolicy" where group == "projectcalico.org" || group == "crd.projectcalico.org", "GlobalNetworkPolicy":
                objects.foreignPolicies.append(try ForeignPolicyReader.calico(field, kind: kind, meta: meta, source: source))
            case "NetworkPolicy":
                objects.policies.append(try PolicyReader.read(field.child("spec"), namespace: meta.namespace, name: meta.name,
                                                              annotations: meta.annotations, source: source))
            case "ClusterNetworkPolicy":
                objects.adminPolicies.append(try ClusterNetworkPolicyReader.read(field, name: meta.name, warnings: &warnings, source: source))
            case "AdminNetworkPolicy", "BaselineAdminNetworkPolicy":
                objects.adminPolicies.append(try AdminPolicyReader.read(field, kind: kind, name: meta.name, warnings: &warnings, source: source))
            default:
                objects.workloads.append(try PodReader.workload(field, kind: kind, meta: meta, warnings: &warnings))
            }
            return []
        } catch let error as InputError {
            var located = error
            if let path = located.path, !prefix.isEmpty { located.path = "\(prefix).\(path)" }
            if located.path == nil, !prefix.isEmpty { located.path = prefix }
            if located.line == nil { located.line = line }
            return [LoadError(file: file, document: document, line: located.line ?? line, object: ref, error: located)]
        } catch {
            return [LoadError(file: file, document: document, line: line, object: ref, error: InputError("\(error)"))]
        }
    }

    static func isCoreGroup(_ apiVersion: String) -> Bool { !apiVersion.contains("/") }

    /// An item of a live List with the kind and apiVersion the API leaves out of list items.
    static func withListDefaults(_ item: Value, kind: String, apiVersion: String) -> Value {
        guard case .object(var fields, let line) = item else { return item }
        if fields["kind"] == nil { fields["kind"] = .string(kind) }
        if fields["apiVersion"] == nil { fields["apiVersion"] = .string(apiVersion) }
        return .object(fields, line: line)
    }

    /// Only the upstream API groups: a Calico `projectcalico.org/v3` NetworkPolicy is not a
    /// Kubernetes NetworkPolicy and must not be read as one.
    static func isModelled(kind: String, apiVersion: String) -> Bool {
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        switch kind {
        case "Namespace", "Pod", "Service", "ReplicationController": return group.isEmpty
        case "NetworkPolicy":
            return group == "networking.k8s.io" || group == "extensions" || apiVersion.isEmpty || group == "projectcalico.org"
                || group == "crd.projectcalico.org"
        case "GlobalNetworkPolicy": return group == "projectcalico.org" || group == "crd.projectcalico.org"
        case "CiliumNetworkPolicy", "CiliumClusterwideNetworkPolicy": return group == "cilium.io"
        case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet": return group == "apps" || group == "extensions" || apiVersion.isEmpty
        case "Job", "CronJob": return group == "batch" || apiVersion.isEmpty
        case "AdminNetworkPolicy", "BaselineAdminNetworkPolicy", "ClusterNetworkPolicy": return group == "policy.networking.k8s.io"
        default: return false
        }
    }
}

/// A document or object that could not be read.
public struct LoadError: Error, CustomStringConvertible, Sendable {
    public var file: String
    /// 1-based document index in the file.
    public var document: Int
    public var line: Int
    public var object: ObjectRef?
    public var error: InputError

    public var description: String {
        var s = "\(file):\(line): document \(document)"
        if let object { s += " (\(object))" }
        return s + ": \(error.description)"
    }
}
