import Foundation
import Testing
@testable import HedgeCore

@Suite("Intel: JSONL reader")
struct IntelJSONLinesTests {
    private struct Row: Decodable, Equatable { var a: Int }

    @Test("empty files and blank lines are zero records", arguments: ["", "\n", "  \n\t\n", "\r\n\r\n"])
    func blank(text: String) throws {
        #expect(try JSONLines.decode(Row.self, data: Data(text.utf8), file: "x.jsonl").isEmpty)
    }

    @Test("lines decode in order, blank lines skipped, CRLF accepted")
    func lines() throws {
        let text = "{\"a\": 1}\r\n\n{\"a\": 2}\n"
        #expect(try JSONLines.decode(Row.self, data: Data(text.utf8), file: "x.jsonl") == [Row(a: 1), Row(a: 2)])
    }

    @Test("a malformed line is reported as FILE:LINE: reason, counting blank lines",
          arguments: [("{\"a\": 1}\n\n{\"b\": 2}\n", "x.jsonl:3: a: missing"),
                      ("{\"a\": 1}\n{\"a\": \"one\"}", "x.jsonl:2: a: Expected to decode Int but found a string instead."),
                      ("{\"a\": 1}\nnot json\n", "x.jsonl:2: invalid JSON")])
    func malformed(text: String, message: String) {
        #expect {
            _ = try JSONLines.decode(Row.self, data: Data(text.utf8), file: "x.jsonl")
        } throws: { error in
            String(describing: error).hasPrefix(message)
        }
    }

    @Test("a missing file is an input error naming it")
    func missing() {
        #expect {
            _ = try JSONLines.read(Row.self, path: "/nonexistent/intel.jsonl")
        } throws: { error in
            String(describing: error) == "/nonexistent/intel.jsonl: file not found"
        }
    }

    @Test("a bad time in a trade line is reported with its key")
    func badTime() {
        let line = #"{"symbol":"BTCUSDT","side":"LONG","entry_time":"2024-03-01 13:00","exit_time":"2024-03-01T14:00:00Z","entry_price":1,"exit_price":1,"qty":1,"pnl_usd":0,"fees_usd":0}"#
        #expect {
            _ = try JSONLines.decode(ClosedTrade.self, data: Data(line.utf8), file: "t.jsonl")
        } throws: { error in
            String(describing: error).hasPrefix("t.jsonl:1: entry_time: expected ISO 8601 UTC time")
        }
    }
}
