import Testing

/// Seeded byte-level mutations (replace, delete, insert a JSON-ish byte) of each base: every
/// mutant is put to `agree`, which says whether the plain path read it as the generic path
/// does (nil: it gave up). Records each disagreement; returns how many mutants were read.
func plainPathMutants(of bases: [String], each count: Int, seed: UInt64, agree: ([UInt8]) -> Bool?) -> Int {
    var rng = SplitMix64(seed: seed)
    let alphabet = Array(#"{}[]",:0123456789.-eEtrufalsn\ "xé"#.utf8)
    var read = 0
    for base in bases.map({ Array($0.utf8) }) {
        for _ in 0..<count {
            var bytes = base
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                let at = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 3 {
                case 0: bytes[at] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                case 1: bytes.remove(at: at)
                default: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: at)
                }
            }
            switch agree(bytes) {
            case true?: read += 1
            case false?: Issue.record("the plain path read this differently: \(String(decoding: bytes, as: UTF8.self))")
            case nil: break
            }
        }
    }
    return read
}
