import Foundation
import HedgeActors
import HedgeCore
import Testing

@Suite("Rotating JSON Lines writer")
struct PersistenceRotationTests {
    struct Row: Codable, Equatable {
        var seq: Int
        var pad: String
    }

    /// Every line of the file decoded; a torn line fails the read with its line number.
    private func rows(_ path: String) throws -> [Row] {
        try JSONLines.read(Row.self, path: path)
    }

    @Test("rotation keeps exactly `keep` old files, all whole lines, the newest records in order")
    func keepsBoundedFiles() throws {
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        let path = "\(dir.path)/logs/execution/orders_executed.jsonl"
        let writer = try RotatingJSONLWriter(path: path, maxBytes: 4096, keep: 3)
        for seq in 0..<10_000 { try writer.append(Row(seq: seq, pad: "order")) }
        try writer.close()

        #expect(try dir.names(in: "logs/execution") == ["orders_executed.jsonl", "orders_executed.jsonl.1",
                                                        "orders_executed.jsonl.2", "orders_executed.jsonl.3"])
        var kept: [Int] = []
        for suffix in [".3", ".2", ".1", ""] {
            let file = path + suffix
            let size = try #require(try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int)
            #expect(size <= 4096)
            kept += try rows(file).map(\.seq)
        }
        #expect(kept.count > 300)
        #expect(kept == Array((10_000 - kept.count)..<10_000))
        #expect(writer.linesWritten == 10_000)
        #expect(writer.rotations > 3)
    }

    @Test("with room for every file, no line is lost or torn across rotations")
    func linesPreserved() throws {
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        let path = "\(dir.path)/router_metrics.jsonl"
        let writer = try RotatingJSONLWriter(path: path, maxBytes: 2048, keep: 1_000)
        var expectedBytes = 0
        for seq in 0..<10_000 {
            let line = try JSONOutput.encode(Row(seq: seq, pad: String(repeating: "x", count: seq % 50)), pretty: false)
            expectedBytes += line.utf8.count + 1
            try writer.append(line: line)
        }
        try writer.flush()
        let files = try dir.names().filter { $0.hasPrefix("router_metrics.jsonl.") }
        #expect(files.count == writer.rotations)
        var all: [Int] = []
        for index in stride(from: files.count, through: 1, by: -1) { all += try rows("\(path).\(index)").map(\.seq) }
        all += try rows(path).map(\.seq)
        #expect(all == Array(0..<10_000))
        #expect(writer.linesWritten == 10_000)
        #expect(writer.bytesWritten == expectedBytes)
        try writer.close()
    }

    @Test("a record larger than maxBytes is written whole, alone in a fresh file")
    func oversizeRecord() throws {
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        let path = "\(dir.path)/pipeline_v6_shadow.jsonl"
        let writer = try RotatingJSONLWriter(path: path, maxBytes: 100, keep: 2)
        let big = Row(seq: 1, pad: String(repeating: "y", count: 500))
        try writer.append(Row(seq: 0, pad: "small"))
        try writer.append(big)
        #expect(try rows(path) == [big])
        #expect(try rows("\(path).1") == [Row(seq: 0, pad: "small")])
        try writer.append(Row(seq: 2, pad: "after"))
        try writer.close()
        #expect(try rows(path) == [Row(seq: 2, pad: "after")])
        #expect(try rows("\(path).1") == [big])
        #expect(try rows("\(path).2") == [Row(seq: 0, pad: "small")])
    }

    @Test("an oversize first record goes into the empty live file without rotating")
    func oversizeIntoEmptyFile() throws {
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        let path = "\(dir.path)/a.jsonl"
        let writer = try RotatingJSONLWriter(path: path, maxBytes: 10, keep: 2)
        try writer.append(Row(seq: 0, pad: "longer than ten bytes"))
        try writer.close()
        #expect(writer.rotations == 0)
        #expect(try dir.names() == ["a.jsonl"])
    }

    @Test("keep 0 discards the full file and starts again")
    func keepZero() throws {
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        let path = "\(dir.path)/a.jsonl"
        let writer = try RotatingJSONLWriter(path: path, maxBytes: 64, keep: 0)
        for seq in 0..<50 { try writer.append(Row(seq: seq, pad: "")) }
        try writer.close()
        #expect(try dir.names() == ["a.jsonl"])
        #expect(try rows(path).last == Row(seq: 49, pad: ""))
    }

    @Test("reopening appends after the existing lines and counts their size toward rotation")
    func reopenAppends() throws {
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        let path = "\(dir.path)/a.jsonl"
        let first = try RotatingJSONLWriter(path: path, maxBytes: 1_000, keep: 1)
        for seq in 0..<3 { try first.append(Row(seq: seq, pad: "")) }
        try first.close()
        let second = try RotatingJSONLWriter(path: path, maxBytes: 1_000, keep: 1)
        try second.append(Row(seq: 3, pad: ""))
        try second.close()
        #expect(try rows(path).map(\.seq) == [0, 1, 2, 3])
        #expect(second.linesWritten == 1)
    }

    @Test("a pre-encoded line with an inner newline is refused, and a closed writer refuses appends")
    func refusals() throws {
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        let path = "\(dir.path)/a.jsonl"
        let writer = try RotatingJSONLWriter(path: path, maxBytes: 1_000, keep: 1)
        #expect(throws: PersistenceError.self) { try writer.append(line: "{\"a\":1}\n{\"b\":2}") }
        try writer.append(line: "{\"a\":1}\n")
        try writer.close()
        try writer.close()
        #expect(throws: PersistenceError.closed(path: path)) { try writer.append(line: "{}") }
        #expect(dir.text("a.jsonl") == "{\"a\":1}\n")
    }

    @Test("a log under a regular file fails with a typed error naming the path")
    func unwritable() throws {
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        try AtomicFileWriter.write("x", to: "\(dir.path)/logs")
        do throws(PersistenceError) {
            _ = try RotatingJSONLWriter(path: "\(dir.path)/logs/execution/a.jsonl", maxBytes: 100, keep: 1)
            Issue.record("opening should have failed")
        } catch {
            #expect(error.path == "\(dir.path)/logs/execution")
            #expect(error.description.contains("Not a directory"))
        }
    }

    @Test("a partial last line left by a crash is cut back on open; the next record starts its own line")
    func partialLineCutBack() throws {
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        let path = "\(dir.path)/a.jsonl"
        // 5 000 bytes without a newline after the last whole line: the cut reads back more than one block.
        let partial = "{\"seq\":9,\"pad\":\"" + String(repeating: "x", count: 5_000)
        try AtomicFileWriter.write("{\"a\":1}\n" + partial, to: path)
        let writer = try RotatingJSONLWriter(path: path, maxBytes: 100_000, keep: 1)
        #expect(writer.cutBackBytes == partial.utf8.count)
        try writer.append(line: "{\"b\":2}")
        try writer.close()
        #expect(dir.text("a.jsonl") == "{\"a\":1}\n{\"b\":2}\n")

        // A file that is one partial line and nothing else is emptied.
        try AtomicFileWriter.write("{\"torn", to: path)
        let again = try RotatingJSONLWriter(path: path, maxBytes: 100_000, keep: 1)
        #expect(again.cutBackBytes == 6)
        try again.close()
        #expect(dir.text("a.jsonl") == "")
    }

    @Test("a rotation that fails still appends its line, reports the error once, and rotates on a later append")
    func failedRotationKeepsTheLine() throws {
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        let path = "\(dir.path)/a.jsonl"
        let writer = try RotatingJSONLWriter(path: path, maxBytes: 15, keep: 1)
        try writer.append(line: "{\"seq\":0}")
        // A non-empty directory where the live file must be renamed to: rename(2) fails.
        try FileManager.default.createDirectory(atPath: "\(path).1/blocker", withIntermediateDirectories: true)
        try writer.append(line: "{\"seq\":1}")
        #expect(writer.rotationFailures == 1)
        #expect(writer.takeRotationError() != nil)
        #expect(writer.takeRotationError() == nil)
        #expect(dir.text("a.jsonl") == "{\"seq\":0}\n{\"seq\":1}\n")

        try FileManager.default.removeItem(atPath: "\(path).1")
        try writer.append(line: "{\"seq\":2}")
        try writer.close()
        #expect(writer.rotations == 1)
        #expect(dir.text("a.jsonl.1") == "{\"seq\":0}\n{\"seq\":1}\n")
        #expect(dir.text("a.jsonl") == "{\"seq\":2}\n")
    }
}
