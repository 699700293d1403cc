/// One OHLCV bar of one symbol. Prices and volume are `Double`: bars feed analytics and
/// strategies, never an order sent to a venue (those prices are `Decimal`, see `VenueFilters`).
public struct Bar: Sendable, Hashable, Codable {
    /// Open time, UTC epoch milliseconds (Binance kline convention).
    public var openTimeMs: Int64
    public var open: Double
    public var high: Double
    public var low: Double
    public var close: Double
    /// Base-asset volume (contracts for USD-M futures).
    public var volume: Double

    public init(openTimeMs: Int64, open: Double, high: Double, low: Double, close: Double, volume: Double) {
        self.openTimeMs = openTimeMs
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
    }
}
