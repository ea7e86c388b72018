import CCurl
import Foundation

/// TLS and proxy settings for one API server.
public struct TransportSettings: Sendable {
    public var server: URL
    public var caPEM: Data?
    public var insecureSkipTLSVerify: Bool
    public var tlsServerName: String?
    public var proxyURL: String?
    public var connectTimeout: TimeInterval = 10
    public var requestTimeout: TimeInterval = 120
    /// A response that trickles slower than 1 byte/s for this long is abandoned (and retried).
    public var stallTimeout: TimeInterval = 30

    public init(server: URL, caPEM: Data? = nil, insecureSkipTLSVerify: Bool = false, tlsServerName: String? = nil,
                proxyURL: String? = nil) {
        self.server = server
        self.caPEM = caPEM
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName
        self.proxyURL = proxyURL
    }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    public var body: [UInt8]
    public var retryAfter: String?
    public var http2: Bool
}

/// A transport failure: no HTTP response at all (refused, reset, TLS, timeout).
public struct TransportError: Error, CustomStringConvertible, Sendable {
    public var curlCode: Int
    public var message: String
    public var description: String { message }

    /// TLS verification failures are not worth retrying.
    public var isCertificateProblem: Bool { [35, 51, 53, 54, 58, 59, 60, 77, 80, 82, 83, 90, 91].contains(curlCode) }
}

/// HTTPS GET through libcurl. Only GET: Bulkhead never changes a cluster.
public struct HTTPClient: Sendable {
    public var settings: TransportSettings

    private static let initialized: Bool = bh_http_global_init() == 0

    public init(settings: TransportSettings) {
        self.settings = settings
        _ = Self.initialized
    }

    public func get(_ pathAndQuery: String, headers: [String], clientCertPEM: Data? = nil, clientKeyPEM: Data? = nil) throws -> HTTPResponse {
        var base = settings.server.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        var url = base + pathAndQuery
        var connectTo: String?
        if let name = settings.tlsServerName, let host = settings.server.host {
            // Connect to the real host but present and verify `tls-server-name`, as kubectl does.
            let port = settings.server.port ?? (settings.server.scheme == "http" ? 80 : 443)
            url = url.replacingOccurrences(of: "://\(host)", with: "://\(name)")
            connectTo = "\(name):\(port):\(host):\(port)"
        }
        let ca = settings.caPEM ?? Data(), cert = clientCertPEM ?? Data(), key = clientKeyPEM ?? Data()
        var response = bh_http_response()
        let rc: Int32 = url.withCString { urlPtr in
            withCStrings(headers) { headerPtrs in
                ca.withUnsafeBytes { caBytes in
                    cert.withUnsafeBytes { certBytes in
                        key.withUnsafeBytes { keyBytes in
                            optionalCString(connectTo) { connectPtr in
                                optionalCString(settings.proxyURL) { proxyPtr in
                                    headerPtrs.withUnsafeBufferPointer { hp in
                                        var request = bh_http_request()
                                        request.url = urlPtr
                                        request.headers = UnsafePointer(hp.baseAddress)
                                        request.header_count = hp.count
                                        request.ca_pem = caBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                                        request.ca_len = caBytes.count
                                        request.cert_pem = certBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                                        request.cert_len = certBytes.count
                                        request.key_pem = keyBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                                        request.key_len = keyBytes.count
                                        request.insecure_skip_verify = settings.insecureSkipTLSVerify ? 1 : 0
                                        request.connect_to = connectPtr
                                        request.proxy = proxyPtr
                                        request.connect_timeout_ms = Int(settings.connectTimeout * 1000)
                                        request.timeout_ms = Int(settings.requestTimeout * 1000)
                                        request.low_speed_seconds = Int(settings.stallTimeout)
                                        return bh_http_get(&request, &response)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        defer { bh_http_response_free(&response) }
        guard rc == 0 else {
            let message = withUnsafeBytes(of: response.error) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            throw TransportError(curlCode: Int(response.curl_code), message: message)
        }
        let body = response.body.map { Array(UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: response.body_len)) } ?? []
        return HTTPResponse(status: Int(response.status), body: body, retryAfter: response.retry_after.map { String(cString: $0) },
                            http2: response.http_version == 2)
    }
}

private func optionalCString<R>(_ s: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let s else { return body(nil) }
    return s.withCString { body($0) }
}

private func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let pointers = strings.map { strdup($0) }
    defer { pointers.forEach { free($0) } }
    return body(pointers.map { UnsafePointer($0) })
}
