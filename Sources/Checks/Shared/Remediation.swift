import BulkheadCore

/// YAML that checks offer as remediation, specialised for the subject.
enum RemediationYAML {
    static func defaultDeny(namespace: String, directions: [Direction]) -> String {
        let name = directions.count == 2 ? "default-deny-all" : "default-deny-\(directions[0].rawValue.lowercased())"
        return """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: \(name)
          namespace: \(namespace)
        spec:
          podSelector: {}
          policyTypes:
        \(directions.map { "  - \($0.rawValue)" }.joined(separator: "\n"))

        """
    }

    /// The DNS allowance that egress default-deny usually needs.
    static func dnsEgress(namespace: String) -> String {
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: allow-dns-egress
          namespace: \(namespace)
        spec:
          podSelector: {}
          policyTypes:
          - Egress
          egress:
          - to:
            - namespaceSelector:
                matchLabels:
                  kubernetes.io/metadata.name: kube-system
              podSelector:
                matchLabels:
                  k8s-app: kube-dns
            ports:
            - protocol: UDP
              port: 53
            - protocol: TCP
              port: 53

        """
    }
}
