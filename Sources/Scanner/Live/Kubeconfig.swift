import BulkheadCore
import Foundation

/// A kubeconfig as kubectl reads it: `--kubeconfig`, else `KUBECONFIG` (a list, merged, first
/// value wins), else `~/.kube/config`; relative paths resolve against the file that names them.
public struct Kubeconfig: Sendable {
    public struct Cluster: Sendable {
        public var server: String
        public var certificateAuthority: String?
        public var certificateAuthorityData: Data?
        public var insecureSkipTLSVerify: Bool
        public var tlsServerName: String?
        public var proxyURL: String?
    }

    public struct ExecConfig: Sendable {
        public var apiVersion: String
        public var command: String
        public var args: [String]
        public var env: [(String, String)]
        public var provideClusterInfo: Bool
        public var installHint: String?
    }

    public struct User: Sendable {
        public var token: String?
        public var tokenFile: String?
        public var clientCertificate: String?
        public var clientCertificateData: Data?
        public var clientKey: String?
        public var clientKeyData: Data?
        public var exec: ExecConfig?
        public var authProvider: String?
        public var hasBasicAuth: Bool
    }

    public struct Context: Sendable {
        public var cluster: String
        public var user: String
        public var namespace: String?
    }

    public var clusters: [String: Cluster] = [:]
    public var users: [String: User] = [:]
    public var contexts: [String: Context] = [:]
    public var currentContext: String?
    /// The files read, in order.
    public var files: [String] = []

    public struct ConfigError: Error, CustomStringConvertible, Sendable {
        public var message: String
        public var description: String { message }
    }

    /// The files kubectl would read, in precedence order.
    public static func paths(explicit: String?, environment: [String: String]) -> [String] {
        if let explicit { return [explicit] }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            return list.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return [(home as NSString).appendingPathComponent(".kube/config")]
    }

    public static func load(paths: [String], explicit: Bool) throws -> Kubeconfig {
        var config = Kubeconfig()
        for path in paths {
            guard FileManager.default.fileExists(atPath: path) else {
                // kubectl ignores missing files in KUBECONFIG but not an explicit --kubeconfig.
                if explicit { throw ConfigError(message: "\(path): no such kubeconfig file") }
                continue
            }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw ConfigError(message: "\(path): cannot be read")
            }
            try config.merge(text: text, path: path)
        }
        return config
    }

    mutating func merge(text: String, path: String) throws {
        files.append(path)
        let base = (path as NSString).deletingLastPathComponent
        func resolve(_ p: String?) -> String? {
            guard let p, !p.isEmpty else { return nil }
            return p.hasPrefix("/") ? p : (base as NSString).appendingPathComponent(p)
        }
        func fail(_ e: Error) -> ConfigError {
            if let e = e as? InputError { return ConfigError(message: "\(path)\(e.line.map { ":\($0)" } ?? ""): \(e.description)") }
            if let e = e as? YAMLError { return ConfigError(message: "\(path):\(e.line): invalid YAML: \(e.message)") }
            return ConfigError(message: "\(path): \(e)")
        }
        do {
            let docs = YAMLReader.split(text)
            guard let doc = docs.first else { return }
            let root = Field(try YAMLReader.parse(doc), line: doc.line)
            if currentContext == nil, let current = try root.string("current-context"), !current.isEmpty { currentContext = current }
            for entry in try root.array("clusters") {
                guard let name = try entry.string("name"), clusters[name] == nil, let c = entry.child("cluster") else { continue }
                clusters[name] = Cluster(
                    server: try c.string("server") ?? "",
                    certificateAuthority: resolve(try c.string("certificate-authority")),
                    certificateAuthorityData: try base64(c, "certificate-authority-data"),
                    insecureSkipTLSVerify: try c.bool("insecure-skip-tls-verify") ?? false,
                    tlsServerName: try c.string("tls-server-name"), proxyURL: try c.string("proxy-url"))
            }
            for entry in try root.array("users") {
                guard let name = try entry.string("name"), users[name] == nil else { continue }
                let u = entry.child("user")
                var exec: ExecConfig?
                if let e = u?.child("exec") {
                    var command = try e.string("command") ?? ""
                    // kubectl resolves a command with a slash relative to the kubeconfig.
                    if command.contains("/") && !command.hasPrefix("/") { command = resolve(command) ?? command }
                    exec = ExecConfig(apiVersion: try e.string("apiVersion") ?? "client.authentication.k8s.io/v1",
                                      command: command, args: try e.array("args").map { try $0.string() },
                                      env: try e.array("env").map { (try $0.string("name") ?? "", try $0.string("value") ?? "") },
                                      provideClusterInfo: try e.bool("provideClusterInfo") ?? false, installHint: try e.string("installHint"))
                }
                users[name] = User(
                    token: try u?.string("token"), tokenFile: resolve(try u?.string("tokenFile")),
                    clientCertificate: resolve(try u?.string("client-certificate")), clientCertificateData: try u.flatMap { try base64($0, "client-certificate-data") },
                    clientKey: resolve(try u?.string("client-key")), clientKeyData: try u.flatMap { try base64($0, "client-key-data") },
                    exec: exec, authProvider: try u?.child("auth-provider")?.string("name"),
                    hasBasicAuth: (try u?.string("username")) != nil)
            }
            for entry in try root.array("contexts") {
                guard let name = try entry.string("name"), contexts[name] == nil, let c = entry.child("context") else { continue }
                contexts[name] = Context(cluster: try c.string("cluster") ?? "", user: try c.string("user") ?? "", namespace: try c.string("namespace"))
            }
        } catch {
            throw fail(error)
        }
    }

    func base64(_ field: Field, _ key: String) throws -> Data? {
        guard let text = try field.string(key) else { return nil }
        guard let data = Data(base64Encoded: text.filter { !$0.isWhitespace }) else {
            throw InputError("\(key) is not valid base64", path: "\(field.path).\(key)", line: field.line)
        }
        return data
    }

    /// The cluster and user of a context (`--context`, else current-context).
    public func resolve(context name: String?) throws -> (name: String, cluster: Cluster, user: User, namespace: String?) {
        guard let contextName = name ?? currentContext else {
            throw ConfigError(message: "no context: the kubeconfig (\(files.joined(separator: ", "))) sets no current-context; pass --context")
        }
        guard let context = contexts[contextName] else {
            throw ConfigError(message: "context \"\(contextName)\" is not in the kubeconfig; known: \(contexts.keys.sorted().joined(separator: ", "))")
        }
        guard let cluster = clusters[context.cluster] else {
            throw ConfigError(message: "context \"\(contextName)\" names cluster \"\(context.cluster)\", which the kubeconfig does not define")
        }
        guard !cluster.server.isEmpty else { throw ConfigError(message: "cluster \"\(context.cluster)\" has no server") }
        let user = users[context.user] ?? User(hasBasicAuth: false)
        return (contextName, cluster, user, context.namespace)
    }
}

extension Kubeconfig.User {
    init(hasBasicAuth: Bool) {
        self.init(token: nil, tokenFile: nil, clientCertificate: nil, clientCertificateData: nil, clientKey: nil, clientKeyData: nil,
                  exec: nil, authProvider: nil, hasBasicAuth: hasBasicAuth)
    }
}
