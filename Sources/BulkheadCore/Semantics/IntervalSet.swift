/// A set of integers kept as sorted, disjoint, non-adjacent closed intervals.
/// Used for port ranges (1–65535) and for IP address ranges (UInt128).
public struct IntervalSet<Bound: FixedWidthInteger & Sendable>: Sendable, Hashable {
    public struct Interval: Sendable, Hashable {
        public var lower: Bound
        public var upper: Bound
        public init(_ lower: Bound, _ upper: Bound) {
            self.lower = lower
            self.upper = upper
        }
    }

    public private(set) var intervals: [Interval]

    public init() { intervals = [] }

    public init(_ lower: Bound, _ upper: Bound) {
        intervals = lower <= upper ? [Interval(lower, upper)] : []
    }

    public init<S: Sequence>(intervals input: S) where S.Element == Interval {
        intervals = []
        for interval in input { insert(interval.lower, interval.upper) }
    }

    public var isEmpty: Bool { intervals.isEmpty }

    public func contains(_ value: Bound) -> Bool {
        var lo = 0, hi = intervals.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if value < intervals[mid].lower { hi = mid - 1 } else if value > intervals[mid].upper { lo = mid + 1 } else { return true }
        }
        return false
    }

    public mutating func insert(_ lower: Bound, _ upper: Bound) {
        guard lower <= upper else { return }
        var newLower = lower, newUpper = upper
        var result: [Interval] = []
        result.reserveCapacity(intervals.count + 1)
        var placed = false
        for interval in intervals {
            // Adjacent intervals merge too: [1,5] and [6,9] are [1,9].
            let touchesBelow = interval.upper < Bound.max && interval.upper + 1 < newLower
            if touchesBelow {
                result.append(interval)
            } else if newUpper < Bound.max && newUpper + 1 < interval.lower {
                if !placed { result.append(Interval(newLower, newUpper)); placed = true }
                result.append(interval)
            } else {
                newLower = Swift.min(newLower, interval.lower)
                newUpper = Swift.max(newUpper, interval.upper)
            }
        }
        if !placed { result.append(Interval(newLower, newUpper)) }
        intervals = result
    }

    public func union(_ other: IntervalSet) -> IntervalSet {
        if other.isEmpty { return self }
        if isEmpty { return other }
        var copy = self
        for interval in other.intervals { copy.insert(interval.lower, interval.upper) }
        return copy
    }

    public func intersection(_ other: IntervalSet) -> IntervalSet {
        var result: [Interval] = []
        var i = 0, j = 0
        while i < intervals.count && j < other.intervals.count {
            let a = intervals[i], b = other.intervals[j]
            let lo = Swift.max(a.lower, b.lower), hi = Swift.min(a.upper, b.upper)
            if lo <= hi { result.append(Interval(lo, hi)) }
            if a.upper < b.upper { i += 1 } else { j += 1 }
        }
        var set = IntervalSet()
        set.intervals = result
        return set
    }

    public func subtracting(_ other: IntervalSet) -> IntervalSet {
        var result: [Interval] = []
        var j = 0
        for var current in intervals {
            var alive = true
            while j < other.intervals.count && other.intervals[j].upper < current.lower { j += 1 }
            var k = j
            while alive && k < other.intervals.count && other.intervals[k].lower <= current.upper {
                let hole = other.intervals[k]
                if hole.lower > current.lower { result.append(Interval(current.lower, hole.lower - 1)) }
                if hole.upper >= current.upper { alive = false } else { current.lower = hole.upper + 1 }
                k += 1
            }
            if alive { result.append(current) }
        }
        var set = IntervalSet()
        set.intervals = result
        return set
    }

    public func isSuperset(of other: IntervalSet) -> Bool { other.subtracting(self).isEmpty }
}
