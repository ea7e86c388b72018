/// SHA-256 (FIPS 180-4), for fingerprints, scan IDs and the integrity hashes reports carry.
/// The core has no dependencies, so it carries its own; it is not used for anything secret.
public struct SHA256: Sendable {
    /// The eight working words, held inline: an array here costs an allocation per digest, and
    /// every check result's fingerprint is a digest.
    struct Words: Sendable {
        var a: UInt32 = 0x6a09_e667, b: UInt32 = 0xbb67_ae85, c: UInt32 = 0x3c6e_f372, d: UInt32 = 0xa54f_f53a
        var e: UInt32 = 0x510e_527f, f: UInt32 = 0x9b05_688c, g: UInt32 = 0x1f83_d9ab, h: UInt32 = 0x5be0_cd19

        var bytes: [UInt8] {
            [a, b, c, d, e, f, g, h].flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> UInt32(24 - 8 * $0)) } }
        }
    }

    private var state = Words()
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0

    private static let k: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    public init() {}

    public mutating func update<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        // Contiguous input (arrays, Data) goes through the block path.
        if bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) != nil { return }
        for byte in bytes {
            buffer.append(byte)
            length &+= 1
            if buffer.count == 64 {
                compress(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        // Whole blocks straight from the input once the buffer is empty.
        while offset < bytes.count {
            if buffer.isEmpty && bytes.count - offset >= 64 {
                compress(UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + 64]))
                length &+= 64
                offset += 64
            } else {
                buffer.append(bytes[offset])
                length &+= 1
                offset += 1
                if buffer.count == 64 {
                    compress(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
        }
    }

    public mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        var tail = buffer
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for i in (0..<8).reversed() { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(i * 8))) }
        for block in stride(from: 0, to: tail.count, by: 64) { compress(Array(tail[block..<block + 64])) }
        buffer = []
        return state.bytes
    }

    public static func hash<S: Sequence>(_ bytes: S) -> [UInt8] where S.Element == UInt8 {
        var h = SHA256()
        h.update(bytes)
        return h.finalize()
    }

    public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 { hash(bytes).hexString }

    public static func hex(_ text: String) -> String {
        var text = text
        return text.withUTF8 { hex(oneShot: UnsafeRawBufferPointer($0)) }
    }

    /// A whole message at once, without the streaming buffers: short messages (fingerprints)
    /// are hashed in one or two blocks on the stack.
    static func hex(oneShot message: UnsafeRawBufferPointer) -> String {
        let padded = (message.count + 9 + 63) / 64 * 64
        var words = Words()
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: padded) { blocks in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
                _ = blocks.initialize(fromContentsOf: message)
                blocks[message.count] = 0x80
                for i in (message.count + 1)..<padded { blocks[i] = 0 }
                let bitLength = UInt64(message.count) &* 8
                for i in 0..<8 { blocks[padded - 1 - i] = UInt8(truncatingIfNeeded: bitLength >> UInt64(8 * i)) }
                for start in stride(from: 0, to: padded, by: 64) {
                    SHA256.compress(&words, UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: blocks[start..<start + 64])), schedule: schedule)
                }
            }
        }
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 64) { out in
            var i = 0
            for word in [words.a, words.b, words.c, words.d, words.e, words.f, words.g, words.h] {
                for shift in stride(from: 28, through: 0, by: -4) {
                    out[i] = digits.utf8Start[Int((word >> UInt32(shift)) & 15)]
                    i += 1
                }
            }
            return 64
        }
    }

    private mutating func compress(_ block: [UInt8]) {
        block.withUnsafeBytes { compress($0) }
    }

    private mutating func compress(_ block: UnsafeRawBufferPointer) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { SHA256.compress(&state, block, schedule: $0) }
    }

    private static func compress(_ state: inout Words, _ block: UnsafeRawBufferPointer, schedule w: UnsafeMutableBufferPointer<UInt32>) {
        for i in 0..<16 {
            w[i] = UInt32(block[4 * i]) << 24 | UInt32(block[4 * i + 1]) << 16 | UInt32(block[4 * i + 2]) << 8 | UInt32(block[4 * i + 3])
        }
        for i in 16..<64 {
            let s0 = w[i - 15].rotatedRight(7) ^ w[i - 15].rotatedRight(18) ^ (w[i - 15] >> 3)
            let s1 = w[i - 2].rotatedRight(17) ^ w[i - 2].rotatedRight(19) ^ (w[i - 2] >> 10)
            w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
        }
        var a = state.a, b = state.b, c = state.c, d = state.d, e = state.e, f = state.f, g = state.g, h = state.h
        for i in 0..<64 {
            let s1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
            let ch = (e & f) ^ (~e & g)
            let t1 = h &+ s1 &+ ch &+ SHA256.k[i] &+ w[i]
            let s0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
            let maj = (a & b) ^ (a & c) ^ (b & c)
            let t2 = s0 &+ maj
            h = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ t2
        }
        state.a &+= a; state.b &+= b; state.c &+= c; state.d &+= d
        state.e &+= e; state.f &+= f; state.g &+= g; state.h &+= h
    }
}

extension UInt32 {
    fileprivate func rotatedRight(_ n: UInt32) -> UInt32 { (self >> n) | (self << (32 - n)) }
}

extension Sequence where Element == UInt8 {
    public var hexString: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
