import BulkheadCore
import Foundation

/// A kind Bulkhead lists, where, and what RBAC rule lists it.
public struct ListedKind: Sendable, Hashable {
    public var kind: String
    public var group: String
    public var version: String
    public var resource: String
    /// Optional kinds are listed only when discovery shows their API; a missing API means none exist.
    public var optional: Bool

    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    public var path: String { group.isEmpty ? "/api/\(version)/\(resource)" : "/apis/\(group)/\(version)/\(resource)" }
    public var rbacRule: String { "apiGroups: [\"\(group)\"], resources: [\"\(resource)\"], verbs: [\"get\", \"list\"]" }

    /// Exactly what the checks need; never Secrets or ConfigMaps.
    public static let core: [ListedKind] = [
        ListedKind(kind: "Namespace", group: "", version: "v1", resource: "namespaces", optional: false),
        ListedKind(kind: "Pod", group: "", version: "v1", resource: "pods", optional: false),
        ListedKind(kind: "Service", group: "", version: "v1", resource: "services", optional: false),
        ListedKind(kind: "ReplicationController", group: "", version: "v1", resource: "replicationcontrollers", optional: false),
        ListedKind(kind: "NetworkPolicy", group: "networking.k8s.io", version: "v1", resource: "networkpolicies", optional: false),
        ListedKind(kind: "Deployment", group: "apps", version: "v1", resource: "deployments", optional: false),
        ListedKind(kind: "StatefulSet", group: "apps", version: "v1", resource: "statefulsets", optional: false),
        ListedKind(kind: "DaemonSet", group: "apps", version: "v1", resource: "daemonsets", optional: false),
        ListedKind(kind: "ReplicaSet", group: "apps", version: "v1", resource: "replicasets", optional: false),
        ListedKind(kind: "Job", group: "batch", version: "v1", resource: "jobs", optional: false),
        ListedKind(kind: "CronJob", group: "batch", version: "v1", resource: "cronjobs", optional: false),
    ]

    /// Policy kinds of other engines, listed when discovery shows them.
    public static let discovered: [ListedKind] = [
        ListedKind(kind: "AdminNetworkPolicy", group: "policy.networking.k8s.io", version: "v1alpha1", resource: "adminnetworkpolicies", optional: true),
        ListedKind(kind: "BaselineAdminNetworkPolicy", group: "policy.networking.k8s.io", version: "v1alpha1", resource: "baselineadminnetworkpolicies", optional: true),
        ListedKind(kind: "ClusterNetworkPolicy", group: "policy.networking.k8s.io", version: "v1alpha2", resource: "clusternetworkpolicies", optional: true),
        ListedKind(kind: "CiliumNetworkPolicy", group: "cilium.io", version: "v2", resource: "ciliumnetworkpolicies", optional: true),
        ListedKind(kind: "CiliumClusterwideNetworkPolicy", group: "cilium.io", version: "v2", resource: "ciliumclusterwidenetworkpolicies", optional: true),
        ListedKind(kind: "NetworkPolicy", group: "projectcalico.org", version: "v3", resource: "networkpolicies", optional: true),
        ListedKind(kind: "GlobalNetworkPolicy", group: "projectcalico.org", version: "v3", resource: "globalnetworkpolicies", optional: true),
    ]
}

/// What a live fetch produced: objects for the scanner, identity, and a snapshot to save.
public struct LiveResult: Sendable {
    public var load: LoadResult
    public var identity: ClusterIdentity
    /// What was fetched, as a snapshot to save; nil unless the fetcher was asked to keep it.
    public var snapshot: SnapshotDocument?
    /// Requests sent, retries and restarts: for progress and for the tests.
    public var stats: FetchStats
}

public struct FetchStats: Sendable {
    public var requests = 0
    public var retries = 0
    public var restarts = 0
    public var http2 = false
}

/// Reads cluster state through the API with GET requests only: discovery, then one paginated
/// list per kind (several in flight), retried on 429, 5xx and dropped connections with
/// bounded backoff, restarted on 410 Gone. A kind that cannot be read (403, or retries
/// exhausted) is recorded as unreadable, so that results depending on it are indeterminate.
public final class ClusterFetcher: @unchecked Sendable {
    let client: HTTPClient
    let credentials: Credentials
    public var pageSize = 500
    public var maxAttempts = 5
    public var maxRestarts = 3
    public var parallelism = 4
    /// Backoff before attempt n (n ≥ 1): base × 2^(n-1), capped; Retry-After wins when given.
    public var backoffBase: TimeInterval = 0.25
    public var maxBackoff: TimeInterval = 5
    public var progress: (@Sendable (String) -> Void)?
    /// Keep every fetched object, as the snapshot's JSON, to save a snapshot. Either way each
    /// page is read into the model and dropped; without a snapshot, straight from its bytes.
    /// A live test holds the two ways to the same objects.
    public var keepsSnapshot = true

    private let lock = NSLock()
    private var stats = FetchStats()

    public init(connection: ClusterConnection) {
        client = HTTPClient(settings: connection.transport)
        credentials = connection.credentials
    }

    enum Outcome {
        case ok(HTTPResponse)
        case failed(status: Int?, reason: String)
    }

    /// One GET with retries for transient failures and one credential refresh on 401.
    func get(_ path: String) -> Outcome {
        var attempt = 0
        var refreshed = false
        while true {
            attempt += 1
            lock.withLock { stats.requests += 1 }
            let response: HTTPResponse
            do {
                let material = try credentials.material()
                response = try client.get(path, headers: ["Accept: application/json"] + material.headers,
                                          clientCertPEM: material.cert, clientKeyPEM: material.key)
            } catch let error as TransportError {
                if error.isCertificateProblem || attempt >= maxAttempts {
                    return .failed(status: nil, reason: "connection failed: \(Redaction.scrub(error.message))")
                }
                pause(attempt: attempt, retryAfter: nil)
                continue
            } catch {
                return .failed(status: nil, reason: Redaction.scrub("\(error)"))
            }
            if response.http2 { lock.withLock { stats.http2 = true } }
            switch response.status {
            case 200..<300:
                return .ok(response)
            case 401:
                if !refreshed && credentials.invalidate() {
                    refreshed = true
                    continue
                }
                return .failed(status: 401, reason: "401 Unauthorized: the API server rejected the credentials (\(credentials.describesAuthentication))")
            case 429, 500, 502, 503, 504:
                if attempt >= maxAttempts { return .failed(status: response.status, reason: "HTTP \(response.status) after \(attempt) attempts") }
                pause(attempt: attempt, retryAfter: response.retryAfter)
            default:
                return .failed(status: response.status, reason: "HTTP \(response.status)" + Self.statusMessage(response.body))
            }
        }
    }

    func pause(attempt: Int, retryAfter: String?) {
        lock.withLock { stats.retries += 1 }
        var delay = min(maxBackoff, backoffBase * pow(2, Double(attempt - 1)))
        if let header = retryAfter, let seconds = Double(header.trimmingCharacters(in: .whitespaces)) { delay = min(max(seconds, 0), 30) }
        Thread.sleep(forTimeInterval: delay)
    }

    /// The `message` of a Kubernetes Status body, if any.
    static func statusMessage(_ body: [UInt8]) -> String {
        guard let value = try? JSONReader().parse(body), let message = value["message"]?.stringValue else { return "" }
        return ": " + Redaction.scrub(String(message.prefix(300)))
    }

    /// One kind's objects, read into the model, and (to save a snapshot) as the snapshot's JSON.
    struct Listed {
        var load = LoadResult()
        var count = 0
        var snapshotItems = SnapshotItems()
    }

    /// Lists one kind, page by page. A 410 (expired continue token) restarts the list.
    func list(_ kind: ListedKind) -> (listed: Listed, failure: (status: Int?, reason: String)?) {
        var restarts = 0
        restart: while true {
            var listed = Listed()
            var token: String?
            repeat {
                var path = "\(kind.path)?limit=\(pageSize)"
                if let token { path += "&continue=\(token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token)" }
                var parsed: Value?
                var parseAttempts = 0
                while parsed == nil {
                    switch get(path) {
                    case let .failed(status, reason):
                        if status == 410 && restarts < maxRestarts {
                            restarts += 1
                            lock.withLock { stats.restarts += 1 }
                            continue restart
                        }
                        return (Listed(), (status, reason))
                    case let .ok(response):
                        do {
                            var page = LoadResult()
                            let read = try ManifestLoader().loadPage(response.body, kind: kind.kind, apiVersion: kind.apiVersion, into: &page)
                            guard let read else { return (Listed(), (nil, "the response for \(kind.path) has no items list")) }
                            // To save a snapshot, the page is also parsed as trees, to be written as JSON.
                            let trees = keepsSnapshot ? try JSONReader().parse(response.body) : nil
                            listed.load.add(page)
                            listed.count += read.items
                            parsed = read.root
                            if case let .array(items, _)? = trees?["items"] { appendSnapshotItems(items, of: kind, to: &listed.snapshotItems) }
                        } catch {
                            // A truncated or garbled body is a transport fault: ask again.
                            parseAttempts += 1
                            if parseAttempts >= maxAttempts { return (Listed(), (nil, "the response for \(kind.path) was not valid JSON (\(error))")) }
                            pause(attempt: parseAttempts, retryAfter: nil)
                        }
                    }
                }
                token = parsed?["metadata"]?["continue"]?.stringValue
                if token?.isEmpty == true { token = nil }
                progress?("\(kind.kind): \(listed.count)")
            } while token != nil
            return (listed, nil)
        }
    }

    /// A page's items into the snapshot's JSON, with the kind and apiVersion the API leaves out;
    /// the trees are dropped with the page.
    func appendSnapshotItems(_ items: [Value], of kind: ListedKind, to snapshot: inout SnapshotItems) {
        for item in items {
            guard case .object = item else { continue }
            snapshot.append(ObjectReader.withListDefaults(item, kind: kind.kind, apiVersion: kind.apiVersion))
        }
    }

    /// Discovery: which API groups and versions the server serves.
    func servedGroupVersions() -> Set<String>? {
        guard case let .ok(response) = get("/apis"), let value = try? JSONReader().parse(response.body),
              case let .array(groups, _)? = value["groups"] else { return nil }
        var served: Set<String> = []
        for group in groups {
            guard case let .array(versions, _)? = group["versions"] else { continue }
            for v in versions { if let gv = v["groupVersion"]?.stringValue { served.insert(gv) } }
        }
        return served
    }

    public func fetch(identity base: ClusterIdentity) -> LiveResult {
        var identity = base
        var unreadable: [UnreadableKind] = []
        var diagnostics: [Diagnostic] = []
        switch get("/version") {
        case let .ok(response):
            identity.kubernetesVersion = (try? JSONReader().parse(response.body))?["gitVersion"]?.stringValue
        case let .failed(status, reason):
            diagnostics.append(Diagnostic(.error, "GET /version failed: \(reason)"))
            if status == 401 {
                unreadable.append(UnreadableKind(kind: "*", reason: reason))
                return finish(load: LoadResult(), items: keepsSnapshot ? SnapshotItems() : nil, identity: identity, unreadable: unreadable,
                              diagnostics: diagnostics)
            }
        }
        var kinds = ListedKind.core
        if let served = servedGroupVersions() {
            kinds += ListedKind.discovered.filter { served.contains($0.apiVersion) }
        } else {
            diagnostics.append(Diagnostic(.warning, "API discovery (GET /apis) failed: AdminNetworkPolicy, Cilium and Calico policies were not looked for"))
        }
        let box = ResultsBox(count: kinds.count)
        let semaphore = DispatchSemaphore(value: parallelism)
        let group = DispatchGroup()
        for (i, kind) in kinds.enumerated() {
            semaphore.wait()
            group.enter()
            DispatchQueue.global().async {
                box.set(i, self.list(kind))
                semaphore.signal()
                group.leave()
            }
        }
        group.wait()
        let results = box.results
        var items = SnapshotItems()
        var load = LoadResult()
        for (kind, result) in zip(kinds, results) {
            if let failure = result.failure {
                if failure.status == 404 && kind.optional {
                    diagnostics.append(Diagnostic(.info, "\(kind.kind) (\(kind.apiVersion)) is not served: none exist"))
                    continue
                }
                var reason = "\(kind.path): \(failure.reason)"
                if failure.status == 403 { reason += "; RBAC rule that allows it: \(kind.rbacRule)" }
                unreadable.append(UnreadableKind(kind: kind.kind, reason: reason))
                diagnostics.append(Diagnostic(.error, "could not list \(kind.kind): \(reason)"))
            } else {
                items.append(contentsOf: result.listed.snapshotItems)
                load.add(result.listed.load)
            }
        }
        return finish(load: load, items: keepsSnapshot ? items : nil, identity: identity, unreadable: unreadable, diagnostics: diagnostics)
    }

    /// What `Snapshot.load` makes of the snapshot these objects would be saved in.
    func finish(load: LoadResult, items: SnapshotItems?, identity: ClusterIdentity, unreadable: [UnreadableKind],
                diagnostics: [Diagnostic]) -> LiveResult {
        var identity = identity
        var load = load
        if let kubeSystem = load.objects.namespaces.last(where: { $0.name == "kube-system" }) { identity.clusterID = kubeSystem.uid }
        load.objects.unreadable += unreadable
        // The fetch's own diagnostics carry a severity and a message only, as a snapshot keeps them.
        load.objects.diagnostics += diagnostics
        let snapshot = items.map { SnapshotDocument(items: $0, identity: identity, unreadable: unreadable, diagnostics: diagnostics) }
        return LiveResult(load: load, identity: identity, snapshot: snapshot, stats: lock.withLock { stats })
    }
}

/// Results of the parallel lists, one slot per kind.
private final class ResultsBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var results: [(listed: ClusterFetcher.Listed, failure: (status: Int?, reason: String)?)]

    init(count: Int) { results = Array(repeating: (ClusterFetcher.Listed(), nil), count: count) }

    func set(_ i: Int, _ r: (listed: ClusterFetcher.Listed, failure: (status: Int?, reason: String)?)) { lock.withLock { results[i] = r } }
}
