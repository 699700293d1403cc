import HedgeCore

/// Writes `NAME.json` state files into one state directory, each atomically
/// (`AtomicFileWriter`) and inside the `StateFile` envelope: what `FileTelemetrySink` writes
/// state files with.
///
/// Time is injected: the caller passes the epoch milliseconds from its own clock, so tests and
/// the simulator write deterministic files. The flags are the start-up `FlagSnapshot`, fixed for
/// the writer's life. A value type holding only configuration: `Sendable`, and any actor may
/// write with it; each call blocks on disk I/O for one small file.
public struct StateFileWriter: Sendable {
    /// The directory the files go into (`logs/state`), created on first write.
    public let directory: String
    /// `FlagSnapshot.values`, written as `v6_flags`.
    public let flags: [String: Bool]
    /// Written as `engine_version`.
    public let engineVersion: String

    public init(directory: String, flags: FlagSnapshot, engineVersion: String = HedgeVersion.current) {
        self.directory = directory
        self.flags = flags.values
        self.engineVersion = engineVersion
    }

    /// The path `name` is written to: `directory/name.json`.
    public func path(for name: String) -> String {
        "\(directory)/\(name).json"
    }

    /// Atomically writes `payload` as `directory/name.json` with the envelope, stamped
    /// `updated_at` = `nowMs` (UTC epoch milliseconds). `name` is a bare name such as `nav`.
    /// Returns the path written.
    @discardableResult
    public func write(_ payload: some Encodable, name: String, nowMs: Int64) throws(PersistenceError) -> String {
        let path = path(for: name)
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/") else {
            throw .invalidName(path: path)
        }
        let bytes = try StateFile.render(payload, updatedAtMs: nowMs, flags: flags, engineVersion: engineVersion, path: path)
        try AtomicFileWriter.write(bytes, to: path)
        return path
    }
}
