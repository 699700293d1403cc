import AsyncHTTPClient
import Foundation
import Glibc
import NIOCore
import NIOHTTP1
import Subprocess
import Testing

/// The dashboard in a real browser: headless Chromium (Debian's `chromium`, installed by
/// `.ci/run`) loads `GET /` from `hedge run` on the sim venue and the test reads the DOM it built.
@Suite("Dashboard in headless Chromium")
struct DashboardBrowserTests {
    /// A free TCP port on 127.0.0.1 (bound, read, released).
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A copy of the bundled config serving HTTP on `port`, with every job interval `interval`
    /// seconds when given.
    static func config(in dir: String, port: Int, interval: Int?) throws -> String {
        try FileManager.default.copyItem(atPath: "\(HedgeProcess.repositoryRoot)/config", toPath: "\(dir)/config")
        let path = "\(dir)/config/runtime.yaml"
        var text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "port: 8787", with: "port: \(port)")
        if let interval {
            for key in ["nav: 15", "universe: 300", "intel: 60", "router_health: 60", "risk_snapshot: 30", "shadow_heartbeat: 60",
                        "compare: 120", "synced_state: 30"] {
                text = text.replacingOccurrences(of: "  \(key)\n", with: "  \(key.split(separator: ":")[0]): \(interval)\n")
            }
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return "\(dir)/config"
    }

    /// Polls `url` until it answers 200, at most `seconds`. The daemon is another process with its
    /// own clock: there is no injected clock to drive, only its socket to wait for.
    static func waitFor(_ url: String, seconds: Int = 60) async throws {
        for _ in 0..<(seconds * 10) {
            if let response = try? await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(2)),
               response.status.code == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw POSIXError(.ETIMEDOUT)
    }

    /// Chromium's DOM of the page after its scripts ran (virtual time), and optionally a screenshot.
    static func chromium(_ url: String, screenshot: String? = nil) async throws -> String {
        var arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--virtual-time-budget=8000",
                         "--window-size=1400,1100"]
        arguments += screenshot.map { ["--screenshot=\($0)", url] } ?? ["--dump-dom", url]
        let result = try await Subprocess.run(.name("chromium"), arguments: Arguments(arguments), output: .string(limit: 8 << 20),
                                              error: .discarded)
        return result.standardOutput ?? ""
    }

    /// Runs `hedge run` for `seconds` with `config`, and `body` while it runs.
    static let token = "dash-9Kq-test-token"

    static func withDaemon(config: String, port: Int, dir: String, seconds: Int, _ body: () async throws -> Void) async throws {
        async let daemon = HedgeProcess.run(["run", "--config", config, "--sim-data", "\(HedgeProcess.repositoryRoot)/data/demo/1m",
                                             "--state-dir", "state", "--duration", "\(seconds)"],
                                            environment: ["HEDGE_OPERATOR_TOKEN": token], workingDirectory: dir)
        try await waitFor("http://127.0.0.1:\(port)/readyz")
        try await body()
        let result = try await daemon
        #expect(result.status == 0, "\(result.stderr.suffix(1500))")
    }

    @Test("every panel shows real values; fresh state files green; a screenshot under .build/")
    func panelsShowTheDaemon() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let port = try Self.freePort()
        let config = try Self.config(in: dir, port: port, interval: nil)
        try await Self.withDaemon(config: config, port: port, dir: dir, seconds: 30) {
            let dom = try await Self.chromium("http://127.0.0.1:\(port)/")
            for panel in ["nav-panel", "positions-panel", "orders-panel", "vetoes-panel", "router-panel", "intel-panel", "shadow-panel",
                          "flags-panel", "freshness-panel"] {
                #expect(dom.contains(#"<section id="\#(panel)" data-ready="1">"#), "\(panel) shows no data")
            }
            #expect(dom.contains(" USD</div>"), "NAV value")
            #expect(dom.contains("<td>INTEL_V6_ENABLED</td><td>true</td>"), "flags")
            #expect(dom.contains(#"<tr class="fresh"><td>nav</td>"#), "nav.json fresh")
            #expect(!dom.contains(#"class="stale""#), "no state file stale in a fresh daemon")
            let shot = "\(HedgeProcess.repositoryRoot)/.build/dashboard.png"
            _ = try await Self.chromium("http://127.0.0.1:\(port)/", screenshot: shot)
            #expect(FileManager.default.fileExists(atPath: shot))
        }
    }

    @Test("state files older than twice their interval show red; the banner shows the kill switch")
    func staleFilesShowRed() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let port = try Self.freePort()
        // Hour-long intervals: the files are written once at start, then left alone; aged by three hours.
        let config = try Self.config(in: dir, port: port, interval: 3_600)
        // Long enough to outlast two page loads on a loaded machine (the run drains at its end).
        try await Self.withDaemon(config: config, port: port, dir: dir, seconds: 30) {
            try await Self.waitFor("http://127.0.0.1:\(port)/api/state/synced_state")
            let old = Date().addingTimeInterval(-3 * 3_600)
            for file in try FileManager.default.contentsOfDirectory(atPath: "\(dir)/state") where file.hasSuffix(".json") {
                try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: "\(dir)/state/\(file)")
            }
            let dom = try await Self.chromium("http://127.0.0.1:\(port)/")
            #expect(dom.contains(#"<tr class="stale"><td>nav</td>"#), "nav.json red")
            #expect(dom.contains(#"<tr class="stale"><td>synced_state</td>"#), "synced_state.json red")
            #expect(!dom.contains(#"<tr class="fresh">"#), "every state file is stale")
            #expect(!dom.contains(#"<div id="banner" class="on">"#), "ready and not killed: no banner")

            // The kill switch on through the API: the banner says so.
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/kill-switch")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(Self.token)")
            request.body = .bytes(ByteBuffer(string: #"{"on": true, "reason": "dashboard test"}"#))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            #expect(response.status.code == 200)
            let killed = try await Self.chromium("http://127.0.0.1:\(port)/")
            #expect(killed.contains(#"<div id="banner" class="on">"#) && killed.contains("KILL SWITCH ON"), "the banner shows the kill switch")
        }
    }
}
