import BulkheadCore
import Dispatch
import Synchronization

/// A large List read by every core from the start, without a first pass over the items to find
/// where each begins.
///
/// A raw newline never occurs inside a JSON string, and `kubectl get -o json` (like any
/// pretty or one-item-per-line printer) starts every item on its own line at the same
/// indentation. So the items array is cut at guessed item starts: a line with the first
/// item's indentation followed by `{`. Each piece is read item by item from its guess, and
/// must end exactly at the next guess. That check makes the guesses safe: the first piece
/// starts at the true first item and only ever stops at true item starts, so it reaches the
/// next guess only if that guess is one, and so on. When a guess fails, or anything else is
/// unusual (a syntax error, a single-line document), nil is returned and the List is read the
/// sequential way, which reports errors as it always has.
extension ManifestLoader {
    struct ParallelList {
        var root: Value
        var chunks: [ItemChunk]
        var digest: String
    }

    private struct GuessFailed: Error {}

    /// `pieceBytes`: about how much each piece reads (tests make it small).
    static func readListInParallel(_ bytes: SharedBytes, with json: JSONReader, _ reader: ObjectReader,
                                   pieceBytes: Int = 2 << 20) -> ParallelList? {
        var chunks: [ItemChunk]?
        var digest = ""
        let root = try? json.walkList(bytes.buffer) { state in
            guard chunks == nil else { throw GuessFailed() }
            (chunks, digest) = try readItemsInParallel(&state, bytes, json, reader, pieceBytes: pieceBytes)
        }
        guard let root = root ?? nil, let chunks else { return nil }
        return ParallelList(root: root, chunks: chunks, digest: digest)
    }

    /// At the items array's `[`; leaves the state after its `]`.
    private static func readItemsInParallel(_ state: inout JSONReader.State, _ bytes: SharedBytes, _ json: JSONReader,
                                            _ reader: ObjectReader, pieceBytes: Int) throws -> ([ItemChunk], String) {
        let buffer = bytes.buffer
        state.pos += 1
        state.skipWhitespace()
        guard state.pos < buffer.count, buffer[state.pos] == UInt8(ascii: "{") else { throw GuessFailed() }
        let starts = guessItemStarts(buffer, first: state.pos, pieceBytes: pieceBytes)
        guard starts.count >= 2 else { throw GuessFailed() }

        // Lines at each start: newlines counted per piece, side by side.
        let newlines = Mutex([Int](repeating: 0, count: starts.count))
        DispatchQueue.concurrentPerform(iterations: starts.count - 1) { k in
            let n = countNewlines(UnsafeBufferPointer(rebasing: bytes.buffer[starts[k]..<starts[k + 1]]))
            newlines.withLock { $0[k] = n }
        }
        var counted = [state.line]
        for k in 0..<(starts.count - 1) { counted.append(counted[k] + newlines.withLock { $0[k] }) }
        let lines = counted

        // The digest of the whole input is one more task beside the pieces.
        let digest = Mutex("")
        let pieces = Mutex([Piece?](repeating: nil, count: starts.count))
        DispatchQueue.concurrentPerform(iterations: starts.count + 1) { task in
            if task == 0 {
                let hex = ContentDigest.hex(UnsafeRawBufferPointer(bytes.buffer))
                digest.withLock { $0 = hex }
                return
            }
            let k = task - 1
            let piece = readPiece(from: JSONReader.ItemSpan(start: starts[k], line: lines[k]), until: k + 1 < starts.count ? starts[k + 1] : nil,
                                  bytes, json, reader)
            pieces.withLock { $0[k] = piece }
        }
        let read = pieces.withLock { $0 }
        guard read.allSatisfy({ $0 != nil }), let last = read.last??.end else { throw GuessFailed() }
        state.pos = last.start
        state.line = last.line
        return (read.map { $0!.chunk }, digest.withLock { $0 })
    }

    private struct Piece: Sendable {
        var chunk: ItemChunk
        /// After the items array's `]` (last piece only).
        var end: JSONReader.ItemSpan?
    }

    /// Items from `start` until exactly `limit` (or, for the last piece, the array's end); nil
    /// when the piece does not end where it must, or does not parse.
    private static func readPiece(from start: JSONReader.ItemSpan, until limit: Int?, _ bytes: SharedBytes, _ json: JSONReader,
                                  _ reader: ObjectReader) -> Piece? {
        var chunk = ItemChunk()
        var span = start
        while true {
            guard let end = try? readItem(at: span, of: bytes, with: json, reader, defaults: nil, into: &chunk) else { return nil }
            var state = JSONReader.State(bytes: bytes.buffer, maxDepth: json.maxDepth)
            state.pos = end.start
            state.line = end.line
            state.skipWhitespace()
            guard state.pos < bytes.buffer.count else { return nil }
            switch bytes.buffer[state.pos] {
            case UInt8(ascii: ","):
                state.pos += 1
                state.skipWhitespace()
                span = JSONReader.ItemSpan(start: state.pos, line: state.line)
                if let limit {
                    if state.pos == limit { return Piece(chunk: chunk, end: nil) }
                    if state.pos > limit { return nil }
                }
            case UInt8(ascii: "]"):
                guard limit == nil else { return nil }
                return Piece(chunk: chunk, end: JSONReader.ItemSpan(start: state.pos + 1, line: state.line))
            default:
                return nil
            }
        }
    }

    /// Eight bytes at a time: a byte of `x ^ 0x0A…` is zero exactly for a newline, and the
    /// carry-free test below sets its high bit exactly then.
    static func countNewlines(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let newline: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        var count = 0
        var i = 0
        while i + 8 <= bytes.count {
            let t = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ newline
            count += (~(((t & lows) &+ lows) | t | lows)).nonzeroBitCount
            i += 8
        }
        while i < bytes.count {
            if bytes[i] == 0x0A { count += 1 }
            i += 1
        }
        return count
    }

    /// Where to cut: after roughly equal stretches, the next line that starts like the first item.
    static func guessItemStarts(_ buffer: UnsafeBufferPointer<UInt8>, first: Int, pieceBytes: Int) -> [Int] {
        var lineStart = first
        while lineStart > 0 && buffer[lineStart - 1] != 0x0A { lineStart -= 1 }
        let indent = first - lineStart
        guard (lineStart..<first).allSatisfy({ buffer[$0] == 0x20 || buffer[$0] == 0x09 }) else { return [first] }
        let pieces = min(64, max(1, (buffer.count - first) / max(pieceBytes, 1)))
        var starts = [first]
        for k in 1..<max(pieces, 1) {
            let target = first + (buffer.count - first) / pieces * k
            let stop = first + (buffer.count - first) / pieces * (k + 1)
            var i = max(target, starts[starts.count - 1] + 1)
            while i < stop {
                guard buffer[i] == 0x0A else { i += 1; continue }
                let candidate = i + 1 + indent
                if candidate < buffer.count, buffer[candidate] == UInt8(ascii: "{"),
                   (i + 1..<candidate).allSatisfy({ buffer[$0] == 0x20 || buffer[$0] == 0x09 }) {
                    starts.append(candidate)
                    break
                }
                i += 1
            }
        }
        return starts
    }
}
