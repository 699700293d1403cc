import Foundation
import HedgeActors
import HedgeTestKit
import Testing

@Suite("Atomic file writes")
struct PersistenceAtomicFileTests {
    @Test("a write replaces the content and leaves no temporary file behind")
    func replacesContent() throws {
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        let path = "\(dir.path)/nav.json"
        try AtomicFileWriter.write("first\n", to: path)
        try AtomicFileWriter.write("second, longer content\n", to: path)
        try AtomicFileWriter.write("3\n", to: path)
        #expect(dir.text("nav.json") == "3\n")
        #expect(try dir.names() == ["nav.json"])
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o644)
    }

    @Test("missing nested directories are created")
    func createsDirectories() throws {
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        try AtomicFileWriter.write("{}\n", to: "\(dir.path)/logs/state/deep/x.json")
        #expect(dir.text("logs/state/deep/x.json") == "{}\n")
    }

    @Test("an unwritable location fails with a typed error naming the path")
    func unwritableLocation() throws {
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        // A regular file where a directory should be: fails even for root, unlike permissions.
        try AtomicFileWriter.write("not a directory", to: "\(dir.path)/blocker")
        do throws(PersistenceError) {
            try AtomicFileWriter.write("x", to: "\(dir.path)/blocker/state/nav.json")
            Issue.record("the write should have failed")
        } catch {
            guard case .system(let path, let operation, let code, let message) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(path == "\(dir.path)/blocker/state")
            #expect(operation == "mkdir")
            #expect(code == ENOTDIR)
            #expect(message == "Not a directory")
            #expect(error.description == "\(dir.path)/blocker/state: mkdir failed: Not a directory (errno \(ENOTDIR))")
        }
        #expect(dir.text("blocker") == "not a directory")
    }

    @Test("a concurrent reader only ever sees the old or the new content, never a mix")
    func readerSeesWholeContent() async throws {
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        let path = "\(dir.path)/positions.json"
        let contents = [String(repeating: "a", count: 64 * 1024), String(repeating: "b", count: 3 * 1024)]
        try AtomicFileWriter.write(contents[0], to: path)
        let done = LockedValue(false)
        let writer = Task.detached {
            defer { done.withLock { $0 = true } }
            for round in 0..<200 { try AtomicFileWriter.write(contents[round % 2], to: path) }
        }
        let reader = Task.detached { () -> (reads: Int, torn: Int) in
            var reads = 0, torn = 0
            while !done.value || reads == 0 {
                let text = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
                reads += 1
                if let text, !contents.contains(text) { torn += 1 }
            }
            return (reads, torn)
        }
        try await writer.value
        let result = await reader.value
        #expect(result.reads > 0)
        #expect(result.torn == 0)
        #expect(try dir.names() == ["positions.json"])
    }
}
