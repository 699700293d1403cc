import HedgeTestKit
import Testing
@testable import HedgeCore

/// Records every expectancy gate it is handed (a strategy's side of `updateGate`).
private struct GateRecordingStrategy: Strategy {
    let name = "gated"
    let warmupBars = 0
    var gates: [ExpectancyGate] = []

    mutating func onBar(_ bar: Bar, symbol: String, regime: Regime) -> [StrategySignal] { [] }
    mutating func updateGate(_ gate: ExpectancyGate) { gates.append(gate) }
}

@Suite("Backtest: the expectancy gate, as live")
struct BacktestExpectancyGateTests {
    /// Twenty losing round trips of BTCUSDT closed in the 03:00 UTC hour, in chop: one bucket out of warm-up, mean < 0.
    static let losing = (0..<20).map { index in
        ClosedTrade(symbol: "BTCUSDT", side: .long, entryTimeMs: 3 * 3_600_000, exitTimeMs: 3 * 3_600_000 + Int64(index) * 60_000,
                    entryPrice: 100, exitPrice: 99, quantity: 1, pnlUSD: -1, feesUSD: 0.1, rMultiple: -1, regime: .chop,
                    strategy: "gated", exitReason: "stop")
    }

    static func run(gateOn: Bool, minutes: Int) throws -> [ExpectancyGate] {
        var options = BacktestOptions()
        options.expectancyGate = gateOn
        options.intelIntervalMs = 60_000
        var backtest = Backtest(options: options, limits: BacktestFixtures.limits, universe: BacktestFixtures.universe,
                                strategies: [GateRecordingStrategy()], regime: .defaults, recorder: DiscardingRecorder())
        backtest.learningLedger = TradeLedger(trades: losing)
        for minute in 0..<minutes {
            try backtest.onBar(Bar(openTimeMs: Int64(minute) * 60_000, open: 100, high: 101, low: 99, close: 100, volume: 1_000), symbol: "BTCUSDT")
        }
        return (backtest.strategies[0] as? GateRecordingStrategy)?.gates ?? []
    }

    @Test("under INTEL the strategies get the gate from the router's round trips on the intel interval, once per change")
    func gateReachesTheStrategies() throws {
        let gates = try Self.run(gateOn: true, minutes: 5)
        #expect(gates.count == 1, "handed again although unchanged: \(gates)")
        #expect(gates.first?.blocked == [ExpectancyKey(symbol: "BTCUSDT", hourUTC: 3, regime: .chop)])
        #expect(gates.first?.allows(symbol: "BTCUSDT", hourUTC: 3, regime: .chop) == false)
        #expect(gates.first?.allows(symbol: "BTCUSDT", hourUTC: 4, regime: .chop) == true)
    }

    @Test("with the flag off the strategies keep the open gate")
    func flagOffKeepsTheGateOpen() throws {
        #expect(try Self.run(gateOn: false, minutes: 5).isEmpty)
    }
}
