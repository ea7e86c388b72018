import BulkheadCore
import Foundation

/// Where and as whom to connect: from a kubeconfig context, or from inside a pod.
public struct ClusterConnection: Sendable {
    public var transport: TransportSettings
    public var credentials: Credentials
    public var identity: ClusterIdentity

    public struct Options: Sendable {
        public var kubeconfig: String?
        public var context: String?
        public var inCluster: Bool
        public var environment: [String: String]
        /// Where the service-account files are mounted (tests point it elsewhere).
        public var serviceAccountDirectory: String

        public init(kubeconfig: String? = nil, context: String? = nil, inCluster: Bool = false,
                    environment: [String: String] = ProcessInfo.processInfo.environment,
                    serviceAccountDirectory: String = "/var/run/secrets/kubernetes.io/serviceaccount") {
            self.kubeconfig = kubeconfig
            self.context = context
            self.inCluster = inCluster
            self.environment = environment
            self.serviceAccountDirectory = serviceAccountDirectory
        }
    }

    public struct ConnectionError: Error, CustomStringConvertible, Sendable {
        public var message: String
        public var description: String { message }
    }

    /// kubectl's choices: an explicit `--in-cluster`; otherwise a kubeconfig; otherwise, inside
    /// a pod (KUBERNETES_SERVICE_HOST set), the service account.
    public static func make(_ options: Options) throws -> ClusterConnection {
        let paths = Kubeconfig.paths(explicit: options.kubeconfig, environment: options.environment)
        let anyKubeconfig = paths.contains { FileManager.default.fileExists(atPath: $0) }
        let inPod = !(options.environment["KUBERNETES_SERVICE_HOST"] ?? "").isEmpty
        if options.inCluster || (!anyKubeconfig && options.kubeconfig == nil && inPod) {
            return try inCluster(options)
        }
        guard anyKubeconfig || options.kubeconfig != nil else {
            throw ConnectionError(message: "no kubeconfig found (looked at \(paths.joined(separator: ", "))): give manifest paths, --snapshot, --demo, or --kubeconfig")
        }
        let config: Kubeconfig
        do {
            config = try Kubeconfig.load(paths: paths, explicit: options.kubeconfig != nil)
        } catch let error as Kubeconfig.ConfigError {
            throw ConnectionError(message: error.message)
        }
        let resolved: (name: String, cluster: Kubeconfig.Cluster, user: Kubeconfig.User, namespace: String?)
        do {
            resolved = try config.resolve(context: options.context)
        } catch let error as Kubeconfig.ConfigError {
            throw ConnectionError(message: error.message)
        }
        let cluster = resolved.cluster, user = resolved.user
        guard let server = URL(string: cluster.server), server.scheme == "https" || server.scheme == "http" else {
            throw ConnectionError(message: "cluster server \"\(cluster.server)\" is not an http(s) URL")
        }
        var ca = cluster.certificateAuthorityData
        if ca == nil, let path = cluster.certificateAuthority {
            guard let data = FileManager.default.contents(atPath: path) else { throw ConnectionError(message: "cannot read certificate-authority \(path)") }
            ca = data
        }
        var transport = TransportSettings(server: server, caPEM: ca, insecureSkipTLSVerify: cluster.insecureSkipTLSVerify,
                                          tlsServerName: cluster.tlsServerName, proxyURL: cluster.proxyURL)
        transport.insecureSkipTLSVerify = cluster.insecureSkipTLSVerify
        if let provider = user.authProvider {
            let replacement = ["gcp": "the exec plugin gke-gcloud-auth-plugin", "azure": "the exec plugin kubelogin (Azure/kubelogin)",
                               "oidc": "an exec plugin such as kubelogin (int128/kubelogin)"][provider] ?? "an exec credential plugin"
            throw ConnectionError(message: "user of context \"\(resolved.name)\" uses auth-provider \"\(provider)\", which kubectl removed in 1.26; configure \(replacement) instead")
        }
        if user.hasBasicAuth && user.token == nil && user.exec == nil && user.clientCertificate == nil && user.clientCertificateData == nil {
            throw ConnectionError(message: "user of context \"\(resolved.name)\" uses basic authentication, which Kubernetes removed in 1.19")
        }
        func read(_ path: String?, _ data: Data?, _ what: String) throws -> Data? {
            if let data { return data }
            guard let path else { return nil }
            guard let contents = FileManager.default.contents(atPath: path) else { throw ConnectionError(message: "cannot read \(what) \(path)") }
            return contents
        }
        let cert = try read(user.clientCertificate, user.clientCertificateData, "client-certificate")
        let key = try read(user.clientKey, user.clientKeyData, "client-key")
        if (cert == nil) != (key == nil) { throw ConnectionError(message: "user of context \"\(resolved.name)\" has a client certificate without a key, or a key without a certificate") }
        let source: Credentials.Source
        if let token = user.token, !token.isEmpty {
            source = .token(token)
        } else if let file = user.tokenFile {
            source = .tokenFile(file)
        } else if let exec = user.exec {
            var info: [String: String] = ["server": cluster.server]
            if let ca { info["certificate-authority-data"] = ca.base64EncodedString() }
            if cluster.insecureSkipTLSVerify { info["insecure-skip-tls-verify"] = "true" }
            if let name = cluster.tlsServerName { info["tls-server-name"] = name }
            if let proxy = cluster.proxyURL { info["proxy-url"] = proxy }
            source = .exec(exec, clusterInfo: info)
        } else {
            source = .none
        }
        return ClusterConnection(transport: transport, credentials: Credentials(source: source, clientCert: cert, clientKey: key),
                                 identity: ClusterIdentity(context: resolved.name, server: cluster.server,
                                                           insecureSkipTLSVerify: cluster.insecureSkipTLSVerify))
    }

    static func inCluster(_ options: Options) throws -> ClusterConnection {
        guard let host = options.environment["KUBERNETES_SERVICE_HOST"], let port = options.environment["KUBERNETES_SERVICE_PORT"] else {
            throw ConnectionError(message: "--in-cluster needs KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT (set inside a pod)")
        }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        guard let server = URL(string: "https://\(hostPart):\(port)") else { throw ConnectionError(message: "invalid service host \(host)") }
        let dir = options.serviceAccountDirectory
        let tokenPath = (dir as NSString).appendingPathComponent("token")
        guard FileManager.default.fileExists(atPath: tokenPath) else {
            throw ConnectionError(message: "no service-account token at \(tokenPath): is automountServiceAccountToken off?")
        }
        let ca = FileManager.default.contents(atPath: (dir as NSString).appendingPathComponent("ca.crt"))
        return ClusterConnection(transport: TransportSettings(server: server, caPEM: ca), credentials: Credentials(source: .tokenFile(tokenPath)),
                                 identity: ClusterIdentity(context: "in-cluster", server: server.absoluteString))
    }
}
