import BulkheadCore
import CCrypto

/// SHA-256 of inputs, snapshots, reports and the binary: these run to hundreds of megabytes,
/// so they go through libcrypto (the CPU's SHA instructions, several times the portable
/// core's speed). The portable `SHA256` stays for fingerprints and as the fallback.
public enum ContentDigest {
    public static func hex(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { hex($0) }
    }

    public static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        guard let ctx = bh_sha256_new() else { return portable(bytes) }
        guard bh_sha256_update(ctx, bytes.baseAddress, bytes.count) == 1 else {
            bh_sha256_free(ctx)
            return portable(bytes)
        }
        var out = [UInt8](repeating: 0, count: 32)
        // bh_sha256_final frees the context whether or not it succeeds.
        guard bh_sha256_final(ctx, &out) == 1 else { return portable(bytes) }
        return out.hexString
    }

    private static func portable(_ bytes: UnsafeRawBufferPointer) -> String {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize().hexString
    }
}
