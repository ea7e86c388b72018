import BulkheadCore
import Foundation

/// What authenticates requests: a bearer token (static, from a file re-read on every use since
/// bound tokens rotate, or from an exec plugin, cached until it expires) and/or a client
/// certificate. Secrets never appear in errors, logs or reports.
public final class Credentials: @unchecked Sendable {
    public enum Source: Sendable {
        case none
        case token(String)
        case tokenFile(String)
        case exec(Kubeconfig.ExecConfig, clusterInfo: [String: String])
    }

    public struct CredentialError: Error, CustomStringConvertible, Sendable {
        public var message: String
        public var description: String { message }
    }

    let source: Source
    private var clientCert: Data?
    private var clientKey: Data?
    private let lock = NSLock()
    private var cachedExec: (token: String?, cert: Data?, key: Data?, expires: Date?)?
    /// How many times the exec plugin ran (tests read it).
    public private(set) var execRuns = 0

    public init(source: Source, clientCert: Data? = nil, clientKey: Data? = nil) {
        self.source = source
        self.clientCert = clientCert
        self.clientKey = clientKey
    }

    public var describesAuthentication: String {
        switch source {
        case .none: return clientCert != nil ? "client certificate" : "anonymous"
        case .token: return "bearer token"
        case .tokenFile: return "bearer token file"
        case let .exec(config, _): return "exec plugin \((config.command as NSString).lastPathComponent)"
        }
    }

    /// Headers and client-certificate material for one request.
    public func material() throws -> (headers: [String], cert: Data?, key: Data?) {
        lock.lock()
        defer { lock.unlock() }
        switch source {
        case .none:
            return ([], clientCert, clientKey)
        case let .token(token):
            return (["Authorization: Bearer \(token)"], clientCert, clientKey)
        case let .tokenFile(path):
            guard let data = FileManager.default.contents(atPath: path), let token = String(data: data, encoding: .utf8) else {
                throw CredentialError(message: "cannot read the token file \(path)")
            }
            return (["Authorization: Bearer \(token.trimmingCharacters(in: .whitespacesAndNewlines))"], clientCert, clientKey)
        case let .exec(config, info):
            if cachedExec == nil || (cachedExec?.expires.map { $0 <= Date() } ?? false) {
                cachedExec = try Self.runExec(config, clusterInfo: info)
                execRuns += 1
            }
            let c = cachedExec!
            return (c.token.map { ["Authorization: Bearer \($0)"] } ?? [], c.cert ?? clientCert, c.key ?? clientKey)
        }
    }

    /// After a 401: drop a cached exec credential so the next request runs the plugin again.
    /// Returns false when there is nothing to refresh.
    public func invalidate() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard case .exec = source, cachedExec != nil else { return false }
        cachedExec = nil
        return true
    }

    static func runExec(_ config: Kubeconfig.ExecConfig, clusterInfo: [String: String]) throws -> (token: String?, cert: Data?, key: Data?, expires: Date?) {
        let name = (config.command as NSString).lastPathComponent
        let process = Process()
        if config.command.contains("/") {
            process.executableURL = URL(fileURLWithPath: config.command)
        } else {
            guard let found = Self.lookup(config.command) else {
                throw CredentialError(message: "exec credential plugin \"\(config.command)\" was not found on PATH"
                                      + (config.installHint.map { ": \($0)" } ?? ""))
            }
            process.executableURL = URL(fileURLWithPath: found)
        }
        guard FileManager.default.isExecutableFile(atPath: process.executableURL!.path) else {
            throw CredentialError(message: "exec credential plugin \(config.command) does not exist or is not executable"
                                  + (config.installHint.map { ": \($0)" } ?? ""))
        }
        process.arguments = config.args
        var env = ProcessInfo.processInfo.environment
        for (k, v) in config.env { env[k] = v }
        var spec: [String: Any] = ["interactive": false]
        if config.provideClusterInfo { spec["cluster"] = clusterInfo }
        let info: [String: Any] = ["apiVersion": config.apiVersion, "kind": "ExecCredential", "spec": spec]
        if let data = try? JSONSerialization.data(withJSONObject: info, options: [.sortedKeys]) {
            env["KUBERNETES_EXEC_INFO"] = String(decoding: data, as: UTF8.self)
        }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw CredentialError(message: "exec credential plugin \(name) could not be started: \(error.localizedDescription)")
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            // The plugin's stderr explains failures; its stdout may hold a credential and is never shown.
            let reason = String(decoding: errors.prefix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw CredentialError(message: "exec credential plugin \(name) exited with status \(process.terminationStatus)"
                                  + (reason.isEmpty ? "" : ": \(Redaction.scrub(reason))"))
        }
        guard let object = try? JSONSerialization.jsonObject(with: output) as? [String: Any],
              let status = object["status"] as? [String: Any] else {
            throw CredentialError(message: "exec credential plugin \(name) did not print an ExecCredential with a status")
        }
        let token = status["token"] as? String
        let cert = (status["clientCertificateData"] as? String).map { Data($0.utf8) }
        let key = (status["clientKeyData"] as? String).map { Data($0.utf8) }
        guard token != nil || (cert != nil && key != nil) else {
            throw CredentialError(message: "exec credential plugin \(name) returned neither a token nor a client certificate and key")
        }
        var expires: Date?
        if let text = status["expirationTimestamp"] as? String {
            expires = ISO8601DateFormatter().date(from: text)
        }
        return (token, cert, key, expires)
    }

    static func lookup(_ command: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(command)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}

/// Removes anything that looks like a credential from text that may reach a log or report.
public enum Redaction {
    public static func scrub(_ text: String) -> String {
        var out = text
        for pattern in ["(?i)bearer\\s+[A-Za-z0-9._~+/=-]+", "eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*",
                        "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----"] {
            out = out.replacingOccurrences(of: pattern, with: "[REDACTED]", options: .regularExpression)
        }
        return out
    }
}
