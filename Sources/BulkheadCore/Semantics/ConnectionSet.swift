/// The L4 protocols NetworkPolicy governs. Anything else (ICMP, ARP) is undefined
/// under NetworkPolicy and outside the model (semantics notes §1.7).
public enum L4Protocol: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case sctp = "SCTP"
    case tcp = "TCP"
    case udp = "UDP"

    public static func < (a: L4Protocol, b: L4Protocol) -> Bool { a.rawValue < b.rawValue }
}

public typealias PortSet = IntervalSet<Int>

extension IntervalSet where Bound == Int {
    public static let allPorts = PortSet(1, 65535)

    /// `80,8000-8999`
    public var portList: String {
        intervals.map { $0.lower == $0.upper ? "\($0.lower)" : "\($0.lower)-\($0.upper)" }.joined(separator: ",")
    }
}

/// An exact set of (protocol, port) pairs: the unit every allow and deny is computed in.
public struct ConnectionSet: Sendable, Hashable {
    public private(set) var ports: [L4Protocol: PortSet]

    public init() { ports = [:] }

    public static let none = ConnectionSet()

    public static let all: ConnectionSet = {
        var set = ConnectionSet()
        for proto in L4Protocol.allCases { set.ports[proto] = .allPorts }
        return set
    }()

    public static func ports(_ proto: L4Protocol, _ set: PortSet) -> ConnectionSet {
        var result = ConnectionSet()
        result.add(proto, set)
        return result
    }

    public var isEmpty: Bool { ports.values.allSatisfy(\.isEmpty) }
    public var isAll: Bool { L4Protocol.allCases.allSatisfy { ports[$0] == .allPorts } }

    public func ports(for proto: L4Protocol) -> PortSet { ports[proto] ?? PortSet() }

    public mutating func add(_ proto: L4Protocol, _ set: PortSet) {
        guard !set.isEmpty else { return }
        ports[proto] = ports(for: proto).union(set)
    }

    public mutating func formUnion(_ other: ConnectionSet) {
        for (proto, set) in other.ports { add(proto, set) }
    }

    public func union(_ other: ConnectionSet) -> ConnectionSet {
        var copy = self
        copy.formUnion(other)
        return copy
    }

    public func intersection(_ other: ConnectionSet) -> ConnectionSet {
        var result = ConnectionSet()
        for (proto, set) in ports { result.add(proto, set.intersection(other.ports(for: proto))) }
        return result
    }

    public func subtracting(_ other: ConnectionSet) -> ConnectionSet {
        var result = ConnectionSet()
        for (proto, set) in ports { result.add(proto, set.subtracting(other.ports(for: proto))) }
        return result
    }

    public func contains(_ proto: L4Protocol, _ port: Int) -> Bool { ports(for: proto).contains(port) }

    /// The corpus line format: `All Connections`, or `SCTP 9000,TCP 80,8000-8999,UDP 53`
    /// (protocols in alphabetical order, inclusive port ranges); `No Connections` when empty.
    public var description: String {
        if isAll { return "All Connections" }
        if isEmpty { return "No Connections" }
        return L4Protocol.allCases.compactMap { proto -> String? in
            let set = ports(for: proto)
            return set.isEmpty ? nil : "\(proto.rawValue) \(set.portList)"
        }.joined(separator: ",")
    }
}

// Dictionary equality already compares sets, but an explicitly empty entry must equal a missing one.
extension ConnectionSet {
    public static func == (a: ConnectionSet, b: ConnectionSet) -> Bool {
        L4Protocol.allCases.allSatisfy { a.ports(for: $0) == b.ports(for: $0) }
    }

    public func hash(into hasher: inout Hasher) {
        for proto in L4Protocol.allCases { hasher.combine(ports(for: proto)) }
    }
}
