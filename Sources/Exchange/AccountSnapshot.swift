import Foundation
import HedgeCore

/// The account's money at a moment, in USD. `Double`: these feed risk analytics (NAV, margin
/// ratios), never an order price.
public struct AccountSnapshot: Sendable, Hashable {
    /// Deposits + realized PnL − fees + funding.
    public var walletUSD: Double
    /// NAV: wallet + unrealized PnL.
    public var equityUSD: Double
    public var unrealizedPnlUSD: Double
    /// Initial margin in use.
    public var marginUSD: Double
    /// What new orders may still use.
    public var availableUSD: Double
    /// Venue time of the snapshot, epoch ms.
    public var timeMs: Int64

    public init(walletUSD: Double, equityUSD: Double, unrealizedPnlUSD: Double, marginUSD: Double, availableUSD: Double, timeMs: Int64) {
        self.walletUSD = walletUSD
        self.equityUSD = equityUSD
        self.unrealizedPnlUSD = unrealizedPnlUSD
        self.marginUSD = marginUSD
        self.availableUSD = availableUSD
        self.timeMs = timeMs
    }
}

/// One open leg as the venue reports it.
public struct VenuePosition: Sendable, Hashable {
    public var symbol: String
    public var side: PositionSide
    /// Held quantity, > 0.
    public var quantity: Decimal
    public var entryPrice: Decimal
    public var markPrice: Decimal
    public var unrealizedPnlUSD: Double
    public var leverage: Double

    public init(symbol: String, side: PositionSide, quantity: Decimal, entryPrice: Decimal, markPrice: Decimal,
                unrealizedPnlUSD: Double, leverage: Double) {
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.entryPrice = entryPrice
        self.markPrice = markPrice
        self.unrealizedPnlUSD = unrealizedPnlUSD
        self.leverage = leverage
    }

    /// |notional| at the mark, in USD.
    public var notionalUSD: Double {
        NSDecimalNumber(decimal: quantity * markPrice).doubleValue
    }
}

/// Mark price and funding of a perpetual.
public struct MarkPrice: Sendable, Hashable {
    public var symbol: String
    public var markPrice: Decimal
    /// The current funding rate (fraction per interval).
    public var fundingRate: Double
    public var nextFundingTimeMs: Int64
    public var timeMs: Int64

    public init(symbol: String, markPrice: Decimal, fundingRate: Double, nextFundingTimeMs: Int64, timeMs: Int64) {
        self.symbol = symbol
        self.markPrice = markPrice
        self.fundingRate = fundingRate
        self.nextFundingTimeMs = nextFundingTimeMs
        self.timeMs = timeMs
    }
}
