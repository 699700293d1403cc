import Foundation

/// Appends bytes to a new file through a 1 MiB buffer, so a million equity rows cost a few dozen
/// write calls. Owned by one writer task; not shared across tasks.
final class BufferedFileWriter {
    let path: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let capacity = 1 << 20

    /// Creates (or truncates) the file at `path`.
    init(path: String) throws(BacktestOutputError) {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw BacktestOutputError.unwritable(path: path, reason: "cannot create the file")
        }
        do {
            handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        } catch {
            throw BacktestOutputError.unwritable(path: path, reason: error.localizedDescription)
        }
        buffer.reserveCapacity(capacity)
    }

    func write(_ text: String) throws(BacktestOutputError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { try flush() }
    }

    func write(_ bytes: [UInt8]) throws(BacktestOutputError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { try flush() }
    }

    func flush() throws(BacktestOutputError) {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw BacktestOutputError.unwritable(path: path, reason: error.localizedDescription)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws(BacktestOutputError) {
        try flush()
        do {
            try handle.close()
        } catch {
            throw BacktestOutputError.unwritable(path: path, reason: error.localizedDescription)
        }
    }
}
