import Foundation
import Glibc
import Testing

/// `hedge run` under systemd's notify protocol, and the unit file.
@Suite("systemd: readiness, watchdog and the unit")
struct SystemdCLITests {
    @Test("under NOTIFY_SOCKET the daemon says READY=1 once trading, feeds the watchdog, and STOPPING=1 when it drains")
    func notifies() async throws {
        let socket = try NotifySocket()
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let root = HedgeProcess.repositoryRoot
        let result = try await HedgeProcess.run(
            ["run", "--config", "\(root)/config", "--sim-data", "\(root)/data/demo/1m", "--state-dir", "state", "--duration", "4"],
            environment: ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "2000000"], workingDirectory: dir)
        #expect(result.status == 0, "\(result.stderr.suffix(1500))")
        let messages = socket.drain()
        // READY=1 once, after start (the watchdog may be fed before it), and STOPPING=1 last.
        #expect(messages.filter { $0 == "READY=1" }.count == 1, "\(messages)")
        // Every second (half of WATCHDOG_USEC) over a 4 s run; a Linux datagram queue holds 10.
        #expect(messages.filter { $0 == "WATCHDOG=1" }.count >= 2, "\(messages)")
        #expect(messages.last == "STOPPING=1", "\(messages)")
    }

    @Test("ops/hedge.service: Type=notify, no crash loop on exit 78, a stop timeout longer than the drain, hardening; systemd-analyze verify passes")
    func unitVerifies() async throws {
        let root = HedgeProcess.repositoryRoot
        let unit = try String(contentsOfFile: "\(root)/ops/hedge.service", encoding: .utf8)
        for line in ["Type=notify", "Restart=on-failure", "RestartPreventExitStatus=78", "KillSignal=SIGTERM", "NoNewPrivileges=yes",
                     "ProtectSystem=strict", "PrivateTmp=yes", "ReadWritePaths=/var/lib/hedge", "EnvironmentFile=/etc/hedge/hedge.env"] {
            #expect(unit.contains("\n\(line)\n"), "\(line) missing")
        }
        let stop = unit.split(separator: "\n").first { $0.hasPrefix("TimeoutStopSec=") }.flatMap { Int($0.dropFirst("TimeoutStopSec=".count)) }
        #expect((stop ?? 0) > 20, "TimeoutStopSec must exceed the 20 s drain deadline")
        // Verify a copy whose paths exist on this machine (systemd-analyze checks the executable).
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let local = unit.replacingOccurrences(of: "/opt/hedge/bin/hedge", with: HedgeProcess.executable.path)
            .replacingOccurrences(of: "/etc/hedge/hedge.env", with: "-\(dir)/hedge.env")
        try local.write(toFile: "\(dir)/hedge.service", atomically: true, encoding: .utf8)
        let verify = try await HedgeProcess.runTool("systemd-analyze", ["verify", "\(dir)/hedge.service"])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(!verify.stderr.contains("hedge.service:"), "systemd-analyze complains about the unit: \(verify.stderr)")
    }

    @Test("ops/prometheus/alerts.yml: promtool accepts it, and it alerts on what the issue lists")
    func alertRulesCheck() async throws {
        let rules = HedgeProcess.repositoryRoot + "/ops/prometheus/alerts.yml"
        let check = try await HedgeProcess.runTool("promtool", ["check", "rules", rules])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("SUCCESS"))
        let text = try String(contentsOfFile: rules, encoding: .utf8)
        for alert in ["HedgeDown", "HedgeStateFileStale", "HedgeNavStale", "HedgeVenueIPBanned", "HedgeReconnectStorm",
                      "HedgePositionDrift", "HedgeKillSwitchOn"] {
            #expect(text.contains("alert: \(alert)\n"), "\(alert) missing")
        }
    }
}
