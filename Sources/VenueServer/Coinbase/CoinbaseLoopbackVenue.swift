import Foundation
import HedgeCore
import HedgeExchange
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle

/// The Coinbase loopback venue's settings.
public struct CoinbaseLoopbackConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0: a free port (see `CoinbaseLoopbackVenue.waitUntilListening`).
    public var port = 0
    /// The API key whose JWTs are accepted (name and public key).
    public var keyName: String
    public var publicKey: CoinbasePublicKey
    public var controlToken: String?
    /// Faults armed from the start (the Binance loopback's profile format, Coinbase paths).
    public var faults: LoopbackFaults = .none
    /// PEM certificate chain and private key: served over TLS (what Coinbase's SDK speaks) when set.
    public var tlsCertificatePath: String?
    public var tlsKeyPath: String?
    public var requestLimitPerMinute = 1800
    /// Taker fee the funds check includes, bps (Coinbase's default tier: 60).
    public var takerFeeBps: Double = 60
    public var maxFrameSize = 1 << 20
    public var wallClockMs: @Sendable () -> Int64 = LoopbackVenueConfiguration.systemWallClockMs
    public var clock: any Clock<Duration> = ContinuousClock()

    public init(credentials: CoinbaseCredentials) {
        keyName = credentials.keyName
        publicKey = credentials.publicKey
    }
}

/// The loopback Coinbase venue: Advanced Trade's REST (`/api/v3/brokerage`) and WebSocket
/// protocol on 127.0.0.1 over a `SimExchange` presented as a USD spot market, every request's JWT
/// verified, with the Binance loopback's fault kinds and order journal. A `Service`, like
/// `LoopbackVenue`.
public final class CoinbaseLoopbackVenue: Service, Sendable, CustomStringConvertible {
    private let configuration: CoinbaseLoopbackConfiguration
    private let services: CoinbaseLoopbackServices
    private let listening = LoopbackListeningPort()
    private let logger: Logger

    public init(configuration: CoinbaseLoopbackConfiguration, exchange: SimExchange, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        // The shared loopback state counts requests (one each) and keeps faults, journal and sockets;
        // its Binance key pair is never used here.
        let state = LoopbackVenueState(configuration: LoopbackVenueConfiguration(
            apiKey: "coinbase-loopback", apiSecret: "", faults: configuration.faults, weightLimitPerMinute: configuration.requestLimitPerMinute,
            wallClockMs: configuration.wallClockMs, clock: configuration.clock), logger: logger)
        let orders = CoinbaseLoopbackOrders()
        services = CoinbaseLoopbackServices(
            exchange: exchange, state: state, orders: orders,
            broker: CoinbaseLoopbackBroker(exchange: exchange, orders: orders, state: state, takerFeeBps: configuration.takerFeeBps, logger: logger),
            verifier: CoinbaseJWTVerifier(keyName: configuration.keyName, publicKey: configuration.publicKey),
            controlToken: configuration.controlToken, clock: configuration.clock, wallClockMs: configuration.wallClockMs,
            requestLimitPerMinute: configuration.requestLimitPerMinute, logger: logger)
    }

    public var description: String { "CoinbaseLoopbackVenue(\(configuration.host):\(configuration.port))" }

    /// Whether it serves HTTPS/WSS.
    public var usesTLS: Bool { configuration.tlsCertificatePath != nil }

    public func run() async throws {
        defer { listening.stop() }
        await services.setFaults(configuration.faults)
        let services = services
        let listening = listening
        let logger = logger
        let plain = HTTPServerBuilder.http1WebSocketUpgrade(
            configuration: .init(ws: .init(maxFrameSize: configuration.maxFrameSize, autoPing: .disabled))
        ) { request, channel, _ in
            await CoinbaseLoopbackWebSocket.shouldUpgrade(request, channel: channel, services: services)
        }
        let server: HTTPServerBuilder
        if let certificatePath = configuration.tlsCertificatePath, let keyPath = configuration.tlsKeyPath {
            let chain = try NIOSSLCertificate.fromPEMFile(certificatePath).map { NIOSSLCertificateSource.certificate($0) }
            let key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
            server = try .tls(plain, tlsConfiguration: .makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key)))
        } else {
            server = plain
        }
        let app = Application(
            responder: CoinbaseLoopbackResponder(services: services),
            server: server,
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: "hedge-coinbase-loopback"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                logger.notice("coinbase loopback venue listening", metadata: ["port": "\(port)"])
                listening.resolve(port)
            },
            logger: logger)
        try await app.run()
    }

    public func waitUntilListening() async throws -> Int { try await listening.wait() }

    public func setFaults(_ faults: LoopbackFaults) async { await services.setFaults(faults) }

    public func journal() async -> LoopbackJournal { await services.state.journal }

    public func dropSockets() async { await services.state.dropSockets() }

    /// Makes every open socket skip one sequence number.
    public func skipSequence() { services.sequenceSkips.add() }

    public func socketCount() async -> Int { await services.state.socketCount(userStreams: nil) }

    public func socketOpenings() async -> AsyncStream<Void> { await services.state.watchSockets() }
}
