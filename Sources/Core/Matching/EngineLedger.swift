/// The account-level money of the simulated venue: wallet balance and the running totals the
/// accounting identity is checked against. Also collects the events of the current call.
/// Owned by `MatchingEngine`; passed `inout` to the per-symbol book so one bar's work needs no
/// copies.
struct EngineLedger: Sendable {
    var configuration: MatchingConfiguration
    /// Deposits plus realized PnL minus fees plus funding.
    var walletUSD: Double
    var realizedPnlUSD: Double = 0
    var feesUSD: Double = 0
    var fundingUSD: Double = 0
    var events: [EngineEvent] = []

    init(configuration: MatchingConfiguration, walletUSD: Double) {
        self.configuration = configuration
        self.walletUSD = walletUSD
    }

    mutating func chargeFee(_ usd: Double) {
        walletUSD -= usd
        feesUSD += usd
    }

    mutating func realize(_ usd: Double) {
        walletUSD += usd
        realizedPnlUSD += usd
    }

    mutating func settleFunding(_ usd: Double) {
        walletUSD += usd
        fundingUSD += usd
    }

    func feeUSD(notional: Double, liquidity: Liquidity) -> Double {
        notional * (liquidity == .maker ? configuration.makerFeeBps : configuration.takerFeeBps) / 10_000
    }
}
