import HedgeCore
import Logging

/// `--mode dry-run` on the sim venue: everything is read from the sim as in paper mode, but no
/// order, cancel or leverage change reaches it. Each would-be order is logged and refused
/// (`notAllowed`, as the Binance adapter's dry-run policy refuses it), so the daemon decides,
/// sizes and routes exactly as it would, and the sim's book and wallet never move.
public struct DryRunExchange: ForwardingExchangeClient {
    public let base: any ExchangeClient
    private let currentLeverage: @Sendable (String) async -> Int
    private let logger: Logger

    /// - Parameter currentLeverage: the venue's leverage setting for a symbol, reported instead of
    ///   changing it.
    public init(base: any ExchangeClient, currentLeverage: @escaping @Sendable (String) async -> Int, logger: Logger) {
        self.base = base
        self.currentLeverage = currentLeverage
        self.logger = logger
    }

    public func placeOrder(_ request: VenueOrderRequest) async throws(ExchangeError) -> VenueOrder {
        logger.notice("dry-run: order not sent", metadata: [
            "clientOrderId": "\(request.clientOrderId)", "symbol": "\(request.symbol)", "side": "\(request.side.rawValue)",
            "type": "\(request.type.rawValue)", "qty": "\(request.quantity)", "price": "\(request.price.map { "\($0)" } ?? "market")"])
        throw .notAllowed("dry-run never sends orders")
    }

    public func cancelOrder(symbol: String, clientOrderId: String) async throws(ExchangeError) -> VenueOrder {
        throw .notAllowed("dry-run never sends orders")
    }

    public func setLeverage(symbol: String, leverage: Int) async throws(ExchangeError) -> Int {
        await currentLeverage(symbol)
    }
}
