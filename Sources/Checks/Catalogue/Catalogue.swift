/// The checks Bulkhead runs, in ID order. A constant list: adding a check is adding a file
/// and a line here.
public enum Catalogue {
    public static let all: [any Check] = [
        NamespaceWithoutPolicy(),
        NamespaceWithoutDefaultDenyIngress(),
        NamespaceWithoutDefaultDenyEgress(),
        WorkloadNotIsolatedForIngress(),
        WorkloadNotIsolatedForEgress(),
        AllowAllIngressRule(),
        AllowAllEgressRule(),
        PeerSelectsAllNamespaces(),
        IngressFromInternet(),
        EgressToMetadataEndpoint(),
        RuleWithoutPorts(),
        PolicySelectsNoPods(),
        PeerSelectsNothing(),
        SplitSelectorPeers(),
        RulesIgnoredByPolicyTypes(),
        EgressWithoutDNS(),
        UndefinedNamedPort(),
        HostNetworkWorkload(),
        WorkloadsInDefaultNamespace(),
        CNIEnforcesPolicy(),
        AdminPriorityOverlap(),
        IntentExpectations(),
        ZoneBoundaries(),
    ]

    public static func check(_ idOrSlug: String) -> (any Check)? {
        all.first { $0.metadata.id.caseInsensitiveEquals(idOrSlug) || $0.metadata.slug == idOrSlug }
    }
}

extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool { lowercased() == other.lowercased() }
}
