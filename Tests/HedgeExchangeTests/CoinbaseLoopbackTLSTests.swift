import AsyncHTTPClient
import Crypto
import Foundation
import HedgeCore
import HedgeExchange
import HedgeVenueServer
import Logging
import NIOSSL
import SwiftASN1
import Testing
import X509

/// The loopback Coinbase venue over TLS (what Coinbase's SDK speaks): with a certificate it
/// answers HTTPS, and the adapter, trusting that certificate, reads the account through it.
@Suite struct CoinbaseLoopbackTLSTests {
    /// A self-signed certificate for 127.0.0.1 and its key, as PEM files in `directory`.
    static func certificate(in directory: String) throws -> (certificate: String, key: String, pem: String) {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName("127.0.0.1") }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now - 3600, notValidAfter: now + 3600, issuer: name, subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                SubjectAlternativeNames([.ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))])
            },
            issuerPrivateKey: .init(key))
        let pem = try certificate.serializeAsPEM().pemString
        let certificatePath = "\(directory)/tls.crt", keyPath = "\(directory)/tls.key"
        try pem.write(toFile: certificatePath, atomically: true, encoding: .utf8)
        try key.pemRepresentation.write(toFile: keyPath, atomically: true, encoding: .utf8)
        return (certificatePath, keyPath, pem)
    }

    @Test func theAdapterReadsTheAccountOverHTTPS() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cb-tls-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tls = try Self.certificate(in: directory)
        let credentials = CoinbaseCredentials.generated(keyName: "organizations/tls/apiKeys/test")
        var configuration = CoinbaseLoopbackConfiguration(credentials: credentials)
        configuration.tlsCertificatePath = tls.certificate
        configuration.tlsKeyPath = tls.key
        let logger = Logger(label: "test.coinbase-tls")
        let sim = SimExchange(configuration: SimFixture.configuration(wallet: 25_000), clock: ContinuousClock(), logger: logger)
        let replay = SimReplay(exchange: sim, bars: SimFixture.bars([100, 101, 102]))
        for _ in 0..<3 { _ = try await replay.step() }
        let venue = CoinbaseLoopbackVenue(configuration: configuration, exchange: sim, logger: logger)
        #expect(venue.usesTLS)

        var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
        tlsConfiguration.trustRoots = .certificates([try NIOSSLCertificate(bytes: Array(tls.pem.utf8), format: .pem)])
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(tlsConfiguration: tlsConfiguration))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await venue.run() }
            let port = try await venue.waitUntilListening()
            let outcome: Result<Void, any Error>
            do {
                let client = CoinbaseAdvancedClient(restURL: "https://127.0.0.1:\(port)", marketStreamURL: "", userStreamURL: "",
                                                    credentials: credentials, orderPolicy: .send, settings: .defaults, http: http)
                #expect(try await client.account().equityUSD == 25_000)
                // The same venue refuses plain HTTP: it speaks TLS only.
                let plain = CoinbaseAdvancedClient(restURL: "http://127.0.0.1:\(port)", marketStreamURL: "", userStreamURL: "",
                                                   credentials: credentials, orderPolicy: .send, settings: .defaults, http: http)
                await #expect(throws: ExchangeError.self) { _ = try await plain.account() }
                outcome = .success(())
            } catch {
                outcome = .failure(error)
            }
            try? await http.shutdown()
            group.cancelAll()
            try outcome.get()
        }
    }
}
