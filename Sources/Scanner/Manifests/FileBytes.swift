#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file's bytes for the length of a call: mapped when the file can be mapped (no copy
/// and no fresh pages to fault in, which for a 250 MB input costs as much as parsing a third
/// of it), read otherwise (pipes such as `<(kubectl get …)`). Nil when the file cannot be read.
enum FileBytes {
    static func withContents<R>(of path: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        if (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 {
            let size = Int(info.st_size)
            #if canImport(Glibc)
            let flags = MAP_PRIVATE | MAP_POPULATE
            #else
            let flags = MAP_PRIVATE
            #endif
            if let base = mmap(nil, size, PROT_READ, flags, fd, 0), base != MAP_FAILED {
                defer { munmap(base, size) }
                return try body(UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: size))
            }
        }
        guard let bytes = readAll(fd, sizeHint: Int(info.st_size)) else { return nil }
        return try bytes.withUnsafeBufferPointer(body)
    }

    private static func readAll(_ fd: Int32, sizeHint: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: max(sizeHint, 4096))
        var count = 0
        // The size is only a hint (pipes, procfs, growing files): read until the end. A
        // directory fails at the first read.
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
            let n = bytes.withUnsafeMutableBytes { buffer in read(fd, buffer.baseAddress! + count, buffer.count - count) }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            count += n
        }
        bytes.removeSubrange(count...)
        return bytes
    }
}
