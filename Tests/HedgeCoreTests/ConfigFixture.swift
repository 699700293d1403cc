import Foundation

/// A throw-away copy of the repository's bundled `config/` that a test may break.
struct ConfigFixture {
    /// The repository's `config/` directory, found from this file (tests never depend on the
    /// working directory).
    static let bundledDirectory: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config").path

    let directory: String

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("hedge-config-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: Self.bundledDirectory, toPath: directory)
    }

    func path(_ file: String) -> String { "\(directory)/\(file)" }

    /// Replaces the one occurrence of `old` by `new` in `file`; fails loudly when `old` is absent
    /// or ambiguous so a test cannot silently break something else or nothing at all.
    func replace(_ file: String, _ old: String, with new: String) throws {
        let text = try String(contentsOfFile: path(file), encoding: .utf8)
        guard text.components(separatedBy: old).count == 2 else { throw FixtureError.notExactlyOnce(old, file) }
        try text.replacingOccurrences(of: old, with: new).write(toFile: path(file), atomically: true, encoding: .utf8)
    }

    func write(_ file: String, _ text: String) throws {
        try text.write(toFile: path(file), atomically: true, encoding: .utf8)
    }

    func remove(_ file: String) throws {
        try FileManager.default.removeItem(atPath: path(file))
    }

    /// Every file's bytes, to prove that loading wrote nothing.
    func snapshot() throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            result[name] = FileManager.default.contents(atPath: path(name))
        }
        return result
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    enum FixtureError: Error { case notExactlyOnce(String, String) }
}
