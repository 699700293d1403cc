#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The lines of one text file, read in fixed-size chunks through a POSIX file descriptor into one
/// reusable buffer: memory stays at the chunk size (or the longest line, if longer) however long
/// the file is, and no `Data` or `String` is created per chunk or per line.
///
/// Line terminators are LF or CRLF; a last line without a terminator is still a line. Not
/// thread-safe: owned by the one reader that created it, which closes the file by releasing it.
final class CSVLineSource {
    /// A line longer than this is not CSV market data; refusing it bounds memory on a wrong file.
    static let maxLineBytes = 1 << 20

    let path: String
    /// 1-based number of the line most recently returned by `nextLine()`.
    private(set) var lineNumber = 0

    private let descriptor: Int32
    private let chunkSizeBytes: Int
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Unconsumed bytes are `buffer[start..<end]`.
    private var start = 0
    private var end = 0
    private var reachedEndOfFile = false
    /// Bytes read from the file so far and its size at open (for progress display).
    private(set) var bytesRead = 0
    private(set) var fileSizeBytes = 0

    /// Opens `path` for reading; `chunkSizeBytes` is the size of each `read` (at least 8).
    init(path: String, chunkSizeBytes: Int) throws(MarketDataError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            let code = errno
            throw MarketDataError(file: path, line: 0, reason: code == ENOENT ? "file not found" : "cannot open: \(Self.describe(errno: code))")
        }
        self.path = path
        self.descriptor = descriptor
        self.chunkSizeBytes = max(8, chunkSizeBytes)
        capacity = self.chunkSizeBytes
        buffer = .allocate(capacity: capacity)
        var info = stat()
        if fstat(descriptor, &info) == 0 { fileSizeBytes = Int(info.st_size) }
    }

    deinit {
        close(descriptor)
        buffer.deallocate()
    }

    /// Bytes currently allocated for the buffer: the chunk size unless a longer line forced growth.
    var bufferCapacityBytes: Int { capacity }

    /// The next line without its terminator, or nil at the end of the file. The bytes point into
    /// the shared buffer and are valid only until the next call.
    func nextLine() throws(MarketDataError) -> UnsafeBufferPointer<UInt8>? {
        while true {
            if start < end, let found = memchr(buffer + start, 10, end - start) {
                let newline = found.assumingMemoryBound(to: UInt8.self) - buffer
                return take(upTo: newline, skipping: 1)
            }
            if reachedEndOfFile {
                return start < end ? take(upTo: end, skipping: 0) : nil
            }
            try fill()
        }
    }

    private func take(upTo lineEnd: Int, skipping terminator: Int) -> UnsafeBufferPointer<UInt8> {
        var contentEnd = lineEnd
        if contentEnd > start, buffer[contentEnd - 1] == 13 { contentEnd -= 1 }
        let line = UnsafeBufferPointer(start: buffer + start, count: contentEnd - start)
        start = lineEnd + terminator
        lineNumber += 1
        return line
    }

    /// Moves the partial line to the front and reads one more chunk after it.
    private func fill() throws(MarketDataError) {
        if start > 0 {
            if end > start { memmove(buffer, buffer + start, end - start) }
            end -= start
            start = 0
        }
        if end == capacity {
            // The whole buffer is one unfinished line: grow rather than split it.
            guard capacity < Self.maxLineBytes else {
                throw MarketDataError(file: path, line: lineNumber + 1, reason: "line longer than \(Self.maxLineBytes) bytes")
            }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
            capacity *= 2
        }
        var count: Int
        repeat {
            count = read(descriptor, buffer + end, min(chunkSizeBytes, capacity - end))
        } while count < 0 && errno == EINTR
        guard count >= 0 else {
            throw MarketDataError(file: path, line: lineNumber + 1, reason: "read failed: \(Self.describe(errno: errno))")
        }
        if count == 0 { reachedEndOfFile = true }
        end += count
        bytesRead += count
    }

    private static func describe(errno code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }
}
