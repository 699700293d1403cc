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
    /// A copy of the bundled config serving HTTP on a free port (`port: 0`), with every job
    /// interval `interval` seconds when given.
    static func config(in dir: String, interval: Int?) throws -> String {
        try FileManager.default.copyItem(atPath: "\(HedgeProcess.repositoryRoot)/config", toPath: "\(dir)/config")
        let path = "\(dir)/config/runtime.yaml"
        var text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "port: 8787", with: "port: 0")
        if let interval {
            for key in ["nav: 15", "universe: 300", "intel: 60", "router_health: 60", "risk_snapshot: 30", "shadow_heartbeat: 60",
                        "compare: 120", "synced_state: 30"] {
                text = text.replacingOccurrences(of: "  \(key)\n", with: "  \(key.split(separator: ":")[0]): \(interval)\n")
            }
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return "\(dir)/config"
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

    /// Runs `hedge run` for `seconds` with `config`, and `body` with the dashboard's base URL once
    /// the daemon said (on its notify socket) where it listens and that it is ready.
    static func withDaemon(config: String, dir: String, seconds: Int, _ body: (String) async throws -> Void) async throws {
        let notify = try NotifySocket()
        async let daemon = HedgeProcess.run(["run", "--config", config, "--sim-data", "\(HedgeProcess.repositoryRoot)/data/demo/1m",
                                             "--state-dir", "state", "--duration", "\(seconds)"],
                                            environment: ["HEDGE_OPERATOR_TOKEN": token, "NOTIFY_SOCKET": notify.path], workingDirectory: dir)
        var address: String?
        var ready = false
        while address == nil || !ready, let message = await notify.next(within: 60) {
            if message.hasPrefix("STATUS=operator HTTP listening on ") { address = String(message.dropFirst("STATUS=operator HTTP listening on ".count)) }
            if message == "READY=1" { ready = true }
        }
        let base = try #require(address.map { "http://\($0)" }, "the daemon never said where it listens")
        #expect(ready)
        try await body(base)
        let result = try await daemon
        #expect(result.status == 0, "\(result.stderr.suffix(1500))")
    }

    @Test("every panel shows real values; fresh state files green; a screenshot under .build/")
    func panelsShowTheDaemon() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = try Self.config(in: dir, interval: nil)
        try await Self.withDaemon(config: config, dir: dir, seconds: 30) { base in
            let dom = try await Self.chromium(base + "/")
            for panel in ["nav-panel", "positions-panel", "orders-panel", "vetoes-panel", "router-panel", "intel-panel", "shadow-panel",
                          "flags-panel", "freshness-panel"] {
                #expect(dom.contains(#"<section id="\#(panel)" data-ready="1">"#), "\(panel) shows no data")
            }
            #expect(dom.contains(" USD</div>"), "NAV value")
            #expect(dom.contains("<td>INTEL_V6_ENABLED</td><td>true</td>"), "flags")
            #expect(dom.contains(#"<tr class="fresh"><td>nav</td>"#), "nav.json fresh")
            #expect(!dom.contains(#"class="stale""#), "no state file stale in a fresh daemon")
            let shot = "\(HedgeProcess.repositoryRoot)/.build/dashboard.png"
            _ = try await Self.chromium(base + "/", screenshot: shot)
            #expect(FileManager.default.fileExists(atPath: shot))
        }
    }

    @Test("state files older than twice their interval show red; the banner shows the kill switch")
    func staleFilesShowRed() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Hour-long intervals: each file is written once at start, then left alone; aged by three hours.
        let config = try Self.config(in: dir, interval: 3_600)
        // Long enough to outlast two page loads on a loaded machine (the run drains at its end).
        try await Self.withDaemon(config: config, dir: dir, seconds: 30) { base in
            // READY=1 can come before the first state files reach the disk (telemetry writes them
            // behind) and the daemon says nothing when they do: inotify says when the last of the
            // start-up files (synced_state.json) lands.
            #expect(await FileArrival.wait(for: "synced_state.json", in: "\(dir)/state", timeout: .seconds(30)),
                    "synced_state.json never written")
            let old = Date().addingTimeInterval(-3 * 3_600)
            for file in try FileManager.default.contentsOfDirectory(atPath: "\(dir)/state") where file.hasSuffix(".json") {
                try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: "\(dir)/state/\(file)")
            }
            let dom = try await Self.chromium(base + "/")
            // A file the daemon had not written yet when the test aged the others may be fresh now;
            // every file still old must show red, and so must most of them.
            var stale = 0
            for file in try FileManager.default.contentsOfDirectory(atPath: "\(dir)/state") where file.hasSuffix(".json") {
                let name = String(file.dropLast(".json".count))
                let modified = try FileManager.default.attributesOfItem(atPath: "\(dir)/state/\(file)")[.modificationDate] as? Date
                if let modified, modified < Date().addingTimeInterval(-3_600) {
                    #expect(dom.contains(#"<tr class="stale"><td>\#(name)</td>"#), "\(name) old and not red")
                    stale += 1
                }
            }
            #expect(stale >= 8, "only \(stale) state files aged")
            #expect(!dom.contains(#"<div id="banner" class="on">"#), "ready and not killed: no banner")

            // The kill switch on through the API: the banner says so.
            var request = HTTPClientRequest(url: base + "/api/kill-switch")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(Self.token)")
            request.body = .bytes(ByteBuffer(string: #"{"on": true, "reason": "dashboard test"}"#))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            #expect(response.status.code == 200)
            let killed = try await Self.chromium(base + "/")
            #expect(killed.contains(#"<div id="banner" class="on">"#) && killed.contains("KILL SWITCH ON"), "the banner shows the kill switch")
        }
    }
}
