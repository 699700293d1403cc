import Foundation
import HedgeCore
import HedgeExchange
import HedgeVenueServer
import Logging
import Testing

/// The Coinbase commands as an operator runs them: the launch gates, the venue doctor and a wrong
/// key against the loopback Coinbase venue, and a scaled-down soak.
@Suite struct CoinbaseCLITests {
    /// A CDP key file (mode 600) with a fresh key, in `directory`.
    static func keyFile(in directory: String, name: String = "organizations/cli/apiKeys/test") throws -> (path: String, credentials: CoinbaseCredentials) {
        let credentials = CoinbaseCredentials.generated(keyName: name)
        let path = "\(directory)/cdp_api_key.json"
        let body = try JSONSerialization.data(withJSONObject: ["name": credentials.keyName, "privateKey": credentials.privateKeyPEM])
        FileManager.default.createFile(atPath: path, contents: body, attributes: [.posixPermissions: 0o600])
        return (path, credentials)
    }

    /// Runs `body` with the loopback Coinbase venue over the bundled data on a free port, accepting `credentials`.
    static func withLoopback(_ credentials: CoinbaseCredentials, _ body: (String) async throws -> Void) async throws {
        let dataSet = try MarketDataSet.open(path: "\(HedgeProcess.repositoryRoot)/data/demo/1m")
        let market = try await CoinbaseLoopbackMarket(credentials: credentials, controlToken: nil, faults: .none, walletUSD: 50_000,
                                                      dataSet: dataSet, logger: Logger(label: "test.coinbase-cli"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await market.venue.run() }
            let port = try await market.venue.waitUntilListening()
            let outcome: Result<Void, any Error>
            do {
                try await body("http://127.0.0.1:\(port)")
                outcome = .success(())
            } catch {
                outcome = .failure(error)
            }
            group.cancelAll()
            try outcome.get()
        }
    }

    static let noKeys = ["COINBASE_API_KEY": "", "COINBASE_API_SECRET": ""]

    @Test func liveIsRefusedWithoutAllowProdWrite() async throws {
        let credentials = CoinbaseCredentials.generated(keyName: "organizations/cli/apiKeys/live")
        let result = try await HedgeProcess.run(["run", "--venue", "coinbase", "--mode", "live"], environment: [
            "COINBASE_API_KEY": credentials.keyName, "COINBASE_API_SECRET": credentials.privateKeyPEM, "ALLOW_PROD_WRITE": "0"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("ALLOW_PROD_WRITE=1"))
        #expect(!result.stderr.contains("PRIVATE KEY"))
    }

    @Test("testnet on Coinbase needs --base-url: Coinbase has no testnet")
    func testnetNeedsTheLoopback() async throws {
        let result = try await HedgeProcess.run(["run", "--venue", "coinbase", "--mode", "testnet"], environment: Self.noKeys)
        #expect(result.status == 78)
        #expect(result.stderr.contains("Coinbase Advanced Trade has no testnet"), "\(result.stderr)")
    }

    @Test("a key file others can read is refused, naming the file and the fix")
    func worldReadableKeyFileIsRefused() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let key = try Self.keyFile(in: dir)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: key.path)
        let result = try await HedgeProcess.run(["doctor", "--venue", "coinbase", "--key-file", key.path, "--base-url", "http://127.0.0.1:9"],
                                                environment: Self.noKeys)
        #expect(result.status == 78)
        #expect(result.stderr.contains("\(key.path) has mode 644"), "\(result.stderr)")
    }

    @Test("doctor against the loopback Coinbase venue reports NAV and each check; a wrong key is refused in one line")
    func doctorAndAWrongKey() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let key = try Self.keyFile(in: dir)
        try await Self.withLoopback(key.credentials) { url in
            let doctor = try await HedgeProcess.run(["doctor", "--venue", "coinbase", "--key-file", key.path, "--base-url", url],
                                                    environment: Self.noKeys)
            #expect(doctor.status == 0, "\(doctor.stdout)\(doctor.stderr)")
            let lines = doctor.stdout.split(separator: "\n").map(String.init)
            #expect(lines.contains("hedge doctor: coinbase at \(url)"))
            #expect(lines.contains("  [ok] account: NAV 50000.00 USD, cash 50000.00 USD, available 50000.00 USD"), "\(doctor.stdout)")
            for check in ["credentials", "connectivity", "clock skew", "products", "open orders", "holdings", "rate limits"] {
                #expect(lines.contains { $0.hasPrefix("  [ok] \(check): ") }, "\(check) missing in \(doctor.stdout)")
            }
            #expect(!doctor.stdout.contains("PRIVATE KEY"))

            // Another key under the same name: the venue refuses its JWTs.
            let strangerDir = try HedgeProcess.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: strangerDir) }
            let stranger = try Self.keyFile(in: strangerDir, name: key.credentials.keyName)
            let refused = try await HedgeProcess.run(["run", "--venue", "coinbase", "--mode", "testnet", "--base-url", url,
                                                      "--key-file", stranger.path, "--state-dir", "\(strangerDir)/state"],
                                                     environment: Self.noKeys)
            #expect(refused.status == 78)
            let errorLines = refused.stderr.split(separator: "\n").filter { !$0.contains(" notice ") && !$0.contains(" info ") }
            #expect(errorLines == ["hedge run: Coinbase at \(url) refused the API key: unauthorized: GET /products: Coinbase refused the API key's JWT (401 Unauthorized)"],
                    "\(refused.stderr)")
            let doctorRefused = try await HedgeProcess.run(["doctor", "--venue", "coinbase", "--key-file", stranger.path, "--base-url", url],
                                                           environment: Self.noKeys)
            #expect(doctorRefused.status == 1)
            #expect(doctorRefused.stdout.contains("[FAIL] account: unauthorized: GET /accounts: Coinbase refused the API key's JWT (401 Unauthorized)"))
        }
    }

    @Test func scaledDownSoakAgainstTheLoopbackCoinbaseVenue() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let root = HedgeProcess.repositoryRoot
        let result = try await HedgeProcess.run(["soak", "--venue", "coinbase", "--config", "\(root)/config", "--data", "\(root)/data/demo/1m",
                                                 "--duration", "20", "--speed", "3000", "--state-dir", "state",
                                                 "--faults", "\(root)/ops/faults/soak-coinbase.json"],
                                                environment: Self.noKeys, workingDirectory: dir)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr.suffix(2000))")
        #expect((summary["orders"] as? Int ?? 0) > 0)
        #expect((summary["venue_orders"] as? Int ?? 0) > 0,
                "\(summary) \(result.stderr.split(separator: "\n").filter { $0.contains("order") || $0.contains("warning") }.suffix(30).joined(separator: "\n"))")
        #expect((summary["duplicates"] as? [String]) == [])
        #expect((summary["orphans"] as? [String]) == [])
        #expect((summary["crashes"] as? [String]) == [])
        let drift = summary["position_drift"] as? [String] ?? ["unreadable"]
        #expect(drift == [], "\(drift) \(result.stderr.split(separator: "\n").filter { $0.contains("order") || $0.contains("fill") || $0.contains("gap") }.suffix(60).joined(separator: "\n"))")
        #expect(summary["passed"] as? Bool == true)
        #expect(result.status == 0)
        // Discovery decided the universe from the venue and said so in universe.json.
        let universe = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/state/universe.json"))) as? [String: Any])
        let decisions = try #require(universe["discovery"] as? [[String: Any]])
        #expect(decisions.contains { $0["symbol"] as? String == "BTC-USD" && $0["selected"] as? Bool == true })
    }
}
