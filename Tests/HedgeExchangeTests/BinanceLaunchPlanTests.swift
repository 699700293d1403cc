import Foundation
import HedgeCore
@testable import HedgeExchange
import Testing

/// Which endpoints and credentials each mode uses, and the refusals an operator sees.
@Suite struct BinanceLaunchPlanTests {
    let settings = BinanceSettings.defaults
    let keys = ["BINANCE_API_KEY": "key-abcd", "BINANCE_API_SECRET": "secret-value"]

    @Test func liveIsRefusedWithoutAllowProdWriteOrCredentials() {
        #expect(throws: VenueLaunchError.liveNotAllowed("live mode refused: set ALLOW_PROD_WRITE=1 to let Hedge send real orders")) {
            try BinanceLaunchPlan.resolve(mode: .live, settings: settings, environment: keys)
        }
        #expect {
            try BinanceLaunchPlan.resolve(mode: .live, settings: settings, environment: ["ALLOW_PROD_WRITE": "1"])
        } throws: { error in
            guard case .missingCredentials(let line) = error as? VenueLaunchError else { return false }
            return line.contains("BINANCE_API_KEY") && !line.contains("\n")
        }
        var environment = keys
        environment["ALLOW_PROD_WRITE"] = "1"
        let plan = try? BinanceLaunchPlan.resolve(mode: .live, settings: settings, environment: environment)
        #expect(plan?.restURL == "https://fapi.binance.com" && plan?.orderPolicy == .send)
    }

    @Test("live mode refuses a plain http:// or ws:// endpoint, naming it; testnet may use one (the loopback venue)")
    func liveRefusesPlainEndpoints() throws {
        var environment = keys
        environment["ALLOW_PROD_WRITE"] = "1"
        #expect(throws: VenueLaunchError.insecureEndpoint(
            "live mode refused: the REST URL http://127.0.0.1:8080 is not https:// (plain http:// and ws:// are for the loopback venue and testnet only)")) {
            try BinanceLaunchPlan.resolve(mode: .live, settings: settings, environment: environment, baseURL: "http://127.0.0.1:8080")
        }
        #expect {
            try BinanceLaunchPlan.resolve(mode: .live, settings: settings, environment: environment, streamURL: "ws://stream.example")
        } throws: { error in
            guard case .insecureEndpoint(let line) = error as? VenueLaunchError else { return false }
            return line.contains("stream URL ws://stream.example")
        }
        let testnet = try BinanceLaunchPlan.resolve(mode: .testnet, settings: settings, environment: keys, baseURL: "http://127.0.0.1:8080")
        #expect(testnet.streamURL == "ws://127.0.0.1:8080")
    }

    @Test func testnetUsesTestnetEndpointsAndNeedsKeys() throws {
        #expect(throws: VenueLaunchError.self) { try BinanceLaunchPlan.resolve(mode: .testnet, settings: settings, environment: [:]) }
        let plan = try BinanceLaunchPlan.resolve(mode: .testnet, settings: settings, environment: keys)
        #expect(plan.restURL == "https://testnet.binancefuture.com" && plan.streamURL == "wss://fstream.binancefuture.com")
    }

    @Test func dryRunNeverSendsAndNeedsNoKeys() throws {
        let plan = try BinanceLaunchPlan.resolve(mode: .dryRun, settings: settings, environment: [:])
        #expect(plan.orderPolicy == .dryRun && plan.credentials == nil)
    }

    @Test func aBaseURLCarriesItsStreamEndpoint() throws {
        let plan = try BinanceLaunchPlan.resolve(mode: .testnet, settings: settings, environment: keys, baseURL: "http://127.0.0.1:9999")
        #expect(plan.restURL == "http://127.0.0.1:9999" && plan.streamURL == "ws://127.0.0.1:9999")
    }

    @Test func halfSetCredentialsAreAnError() {
        #expect(throws: VenueLaunchError.self) {
            try BinanceLaunchPlan.resolve(mode: .dryRun, settings: settings, environment: ["BINANCE_API_KEY": "k"])
        }
    }

    @Test func aSecretsFileMustBeOwnerOnly() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hedge-secrets-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "# test keys\nBINANCE_API_KEY=filekey1234\nexport BINANCE_API_SECRET=\"filesecret\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect {
            try BinanceCredentials.load(file: path)
        } throws: { error in
            let text = "\(error)"
            return text.contains("chmod 600") && !text.contains("filesecret")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let credentials = try BinanceCredentials.load(file: path)
        #expect(credentials.apiKey == "filekey1234" && credentials.secret == "filesecret")
        var withFile = settings
        withFile.secretsFile = path
        #expect(try BinanceLaunchPlan.resolve(mode: .testnet, settings: withFile, environment: [:]).credentials?.apiKey == "filekey1234")
    }
}
