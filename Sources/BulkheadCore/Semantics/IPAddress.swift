public enum IPFamily: String, Sendable, Hashable, Codable, Comparable {
    case v4 = "IPv4"
    case v6 = "IPv6"

    public var bits: Int { self == .v4 ? 32 : 128 }
    public var maxValue: UInt128 { self == .v4 ? UInt128(UInt32.max) : UInt128.max }
    public static func < (a: IPFamily, b: IPFamily) -> Bool { a == .v4 && b == .v6 }
}

public struct IPAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var family: IPFamily
    public var value: UInt128

    public init(family: IPFamily, value: UInt128) {
        self.family = family
        self.value = value
    }

    public init?(_ text: String) {
        if text.contains(":") {
            guard let v = IPAddress.parseV6(text) else { return nil }
            self.init(family: .v6, value: v)
        } else {
            guard let v = IPAddress.parseV4(text) else { return nil }
            self.init(family: .v4, value: UInt128(v))
        }
    }

    public static func < (a: IPAddress, b: IPAddress) -> Bool {
        a.family != b.family ? a.family < b.family : a.value < b.value
    }

    public var description: String {
        family == .v4 ? IPAddress.formatV4(UInt32(value)) : IPAddress.formatV6(value)
    }

    static func parseV4(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var result: UInt32 = 0
        for part in parts {
            // Leading zeros are rejected, as Go's net.ParseIP does since 1.17.
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let octet = UInt32(part), octet <= 255,
                  part.count == 1 || part.first != "0" else { return nil }
            result = result << 8 | octet
        }
        return result
    }

    static func parseV6(_ text: String) -> UInt128? {
        var text = Substring(text)
        var tailV4: UInt32?
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard let v4 = parseV4(String(text[text.index(after: lastColon)...])) else { return nil }
            tailV4 = v4
            text = text[...lastColon] + "0:0"
        }
        let chars = Array(text)
        var halves: [String] = []
        var current = ""
        var i = 0
        while i < chars.count {
            if chars[i] == ":" && i + 1 < chars.count && chars[i + 1] == ":" {
                halves.append(current)
                current = ""
                i += 2
            } else {
                current.append(chars[i])
                i += 1
            }
        }
        halves.append(current)
        guard halves.count <= 2 else { return nil }
        func groups(_ s: String) -> [UInt16]? {
            if s.isEmpty { return [] }
            var out: [UInt16] = []
            for g in s.split(separator: ":", omittingEmptySubsequences: false) {
                guard !g.isEmpty, g.count <= 4, let v = UInt16(g, radix: 16) else { return nil }
                out.append(v)
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        var value: UInt128 = 0
        for g in all { value = value << 16 | UInt128(g) }
        if let v4 = tailV4 { value = (value >> 32) << 32 | UInt128(v4) }
        return value
    }

    static func formatV4(_ v: UInt32) -> String {
        "\(v >> 24).\(v >> 16 & 255).\(v >> 8 & 255).\(v & 255)"
    }

    /// RFC 5952 form: lowercase, longest zero run (length ≥ 2) compressed.
    static func formatV6(_ v: UInt128) -> String {
        let groups = (0..<8).map { UInt16(truncatingIfNeeded: v >> UInt128(112 - 16 * $0)) }
        var bestStart = -1, bestLen = 0, i = 0
        while i < 8 {
            if groups[i] == 0 {
                var j = i
                while j < 8 && groups[j] == 0 { j += 1 }
                if j - i > bestLen && j - i >= 2 { bestStart = i; bestLen = j - i }
                i = j
            } else { i += 1 }
        }
        func hex(_ range: Range<Int>) -> String {
            groups[range].map { String($0, radix: 16) }.joined(separator: ":")
        }
        if bestStart < 0 { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLen)..<8)
    }
}

/// A CIDR block. Host bits are masked, as the apiserver's legacy parser does
/// (`192.168.242.213/24` is `192.168.242.0/24`).
public struct CIDR: Sendable, Hashable, CustomStringConvertible {
    public var family: IPFamily
    public var base: UInt128
    public var prefix: Int
    /// True when the text had host bits set, which newer apiservers warn about.
    public var hadHostBits: Bool

    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPAddress(String(parts[0])),
              parts[1].allSatisfy(\.isNumber), let prefix = Int(parts[1]),
              prefix >= 0, prefix <= address.family.bits, parts[1].count <= 3 else { return nil }
        family = address.family
        self.prefix = prefix
        let hostBits = address.family.bits - prefix
        let mask: UInt128 = hostBits == 0 ? 0 : (hostBits >= 128 ? UInt128.max : (UInt128(1) << UInt128(hostBits)) - 1)
        base = address.value & ~mask
        hadHostBits = address.value & mask != 0
    }

    public var first: UInt128 { base }
    public var last: UInt128 {
        let hostBits = family.bits - prefix
        if hostBits == 0 { return base }
        if hostBits >= 128 { return UInt128.max }
        return base | ((UInt128(1) << UInt128(hostBits)) - 1)
    }

    public func contains(_ other: CIDR) -> Bool {
        other.family == family && other.first >= first && other.last <= last
    }

    public func contains(_ address: IPAddress) -> Bool {
        address.family == family && address.value >= first && address.value <= last
    }

    public var description: String {
        "\(IPAddress(family: family, value: base))/\(prefix)"
    }
}

/// A set of addresses of both families.
public struct IPSet: Sendable, Hashable {
    public var v4 = IntervalSet<UInt128>()
    public var v6 = IntervalSet<UInt128>()

    public init() {}

    public static let everything: IPSet = {
        var set = IPSet()
        set.v4 = IntervalSet(0, IPFamily.v4.maxValue)
        set.v6 = IntervalSet(0, IPFamily.v6.maxValue)
        return set
    }()

    public init(_ cidr: CIDR) {
        self.init()
        insert(cidr)
    }

    public mutating func insert(_ cidr: CIDR) {
        if cidr.family == .v4 { v4.insert(cidr.first, cidr.last) } else { v6.insert(cidr.first, cidr.last) }
    }

    public func subtracting(_ other: IPSet) -> IPSet {
        var r = IPSet()
        r.v4 = v4.subtracting(other.v4)
        r.v6 = v6.subtracting(other.v6)
        return r
    }

    public func union(_ other: IPSet) -> IPSet {
        var r = IPSet()
        r.v4 = v4.union(other.v4)
        r.v6 = v6.union(other.v6)
        return r
    }

    public func intersection(_ other: IPSet) -> IPSet {
        var r = IPSet()
        r.v4 = v4.intersection(other.v4)
        r.v6 = v6.intersection(other.v6)
        return r
    }

    public var isEmpty: Bool { v4.isEmpty && v6.isEmpty }

    public func contains(_ address: IPAddress) -> Bool {
        address.family == .v4 ? v4.contains(address.value) : v6.contains(address.value)
    }

    public func intervals(_ family: IPFamily) -> IntervalSet<UInt128> { family == .v4 ? v4 : v6 }
}

/// An inclusive address range as the corpus prints it: `10.0.0.0-10.255.255.255`.
public struct IPRange: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var family: IPFamily
    public var first: UInt128
    public var last: UInt128

    public init(family: IPFamily, first: UInt128, last: UInt128) {
        self.family = family
        self.first = first
        self.last = last
    }

    public var description: String {
        "\(IPAddress(family: family, value: first))-\(IPAddress(family: family, value: last))"
    }

    public static func < (a: IPRange, b: IPRange) -> Bool {
        (a.family, a.first, a.last) < (b.family, b.first, b.last)
    }
}
