import HedgeExchange
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import ServiceLifecycle

/// The loopback venue: Binance USD-M's REST and WebSocket protocol on 127.0.0.1, backed by a
/// `SimExchange`, with scriptable faults, so a Binance client (Hedge's adapter, a third-party
/// library) can be exercised end to end without the network.
///
/// A `Service`: `run()` serves until graceful shutdown or cancellation (it runs Hummingbird's
/// `Application`, itself a service, inside it). Also usable standalone: run it in a task, await
/// `waitUntilListening()` for the port, cancel the task to stop.
///
/// The sim venue is driven by whoever owns it (a `SimReplay` in real time for
/// `hedge venue-server`, step by step in tests); each WebSocket connection subscribes to it.
/// Faults of its own (`LoopbackFaults`) live in an actor; the order-event faults are passed to
/// the sim (which they replace).
public final class LoopbackVenue: Service, Sendable, CustomStringConvertible {
    private let configuration: LoopbackVenueConfiguration
    private let services: LoopbackVenueServices
    private let listening = LoopbackListeningPort()
    private let logger: Logger

    /// - Parameters:
    ///   - configuration: address, key pair, limits, initial faults, clocks.
    ///   - exchange: the sim venue served; its faults are replaced by the profile's order-event faults.
    ///   - logger: requests refused, faults fired, orders placed (never the secret).
    public init(configuration: LoopbackVenueConfiguration, exchange: SimExchange, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        services = LoopbackVenueServices(
            exchange: exchange, state: LoopbackVenueState(configuration: configuration, logger: logger),
            signer: configuration.signer, apiKey: configuration.apiKey, controlToken: configuration.controlToken,
            clock: configuration.clock, logger: logger, weightLimitPerMinute: configuration.weightLimitPerMinute,
            orderLimitPerMinute: configuration.orderLimitPerMinute, orderLimitPer10Seconds: configuration.orderLimitPer10Seconds)
    }

    public var description: String { "LoopbackVenue(\(configuration.host):\(configuration.port))" }

    /// Serves until graceful shutdown or cancellation.
    public func run() async throws {
        defer { listening.stop() }
        await services.setFaults(configuration.faults)
        let services = services
        let listening = listening
        let logger = logger
        let server = HTTPServerBuilder.http1WebSocketUpgrade(
            configuration: .init(ws: .init(maxFrameSize: configuration.maxFrameSize, autoPing: .disabled))
        ) { request, channel, _ in
            await LoopbackWebSocket.shouldUpgrade(request, channel: channel, services: services)
        }
        let app = Application(
            responder: LoopbackResponder(services: services),
            server: server,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: LoopbackVenueIdentity.serverHeader),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                logger.notice("loopback venue listening", metadata: ["port": "\(port)"])
                listening.resolve(port)
            },
            logger: logger)
        try await app.run()
    }

    /// The bound port, once the server listens; throws when it stopped before.
    public func waitUntilListening() async throws -> Int {
        try await listening.wait()
    }

    /// Replaces the armed faults (`LoopbackFaults.none` disarms them all).
    public func setFaults(_ faults: LoopbackFaults) async {
        await services.setFaults(faults)
    }

    /// The faults still armed (counted ones are consumed as they fire).
    public func faults() async -> LoopbackFaults {
        await services.armedFaults()
    }

    /// Closes every WebSocket now, without a close frame.
    public func dropSockets() async {
        await services.state.dropSockets()
    }

    /// How many user streams (`userStreams` true), market streams (false) or sockets (nil) are open.
    public func socketCount(userStreams: Bool? = nil) async -> Int {
        await services.state.socketCount(userStreams: userStreams)
    }

    /// Ticks at once and whenever a WebSocket opens: how a test learns that a client (even one in
    /// another process) connected, reading `socketCount` at each tick. Ends when the task
    /// iterating it is cancelled.
    public func socketOpenings() async -> AsyncStream<Void> {
        await services.state.watchSockets()
    }

    /// Sends `text` as one frame on every open user stream (`userStreams` true), market stream
    /// (false) or both (nil); returns how many sockets got it. A frame no real venue sends.
    @discardableResult
    public func sendFrame(_ text: String, userStreams: Bool? = nil) async -> Int {
        await services.state.sendFrame(text, userStreams: userStreams)
    }

    /// Sends `listenKeyExpired` on every user stream, closes them and invalidates the listen keys
    /// (a keep-alive then answers -1125).
    public func expireListenKeys() async {
        await services.state.expireListenKeys()
    }

    /// Every order created, by client order id, and the rejections.
    public func journal() async -> LoopbackJournal {
        await services.state.journal
    }

    /// The server's clock now (wall clock plus the skew fault), epoch ms.
    public func serverTimeMs() async -> Int64 {
        await services.state.serverTimeMs()
    }
}
