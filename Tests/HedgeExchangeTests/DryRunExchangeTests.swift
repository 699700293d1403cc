import Foundation
import HedgeCore
import HedgeExchange
import Logging
import Testing

@Suite("Dry-run on the sim venue")
struct DryRunExchangeTests {
    @Test("orders and cancels never reach the sim (refused as dry-run, as on Binance); leverage is read, not changed")
    func nothingReachesTheSim() async throws {
        let sim = SimExchange(configuration: SimFixture.configuration())
        let replay = SimReplay(exchange: sim, bars: SimFixture.bars([100, 101, 102]))
        try await replay.step()
        let dryRun = DryRunExchange(base: sim, currentLeverage: { await sim.leverage(symbol: $0) },
                                    logger: Logger(label: "hedge.test", factory: { _ in SwiftLogNoOpLogHandler() }))
        await #expect(throws: ExchangeError.notAllowed("dry-run never sends orders")) {
            try await dryRun.placeOrder(SimFixture.order("hm-dry-1"))
        }
        await #expect(throws: ExchangeError.notAllowed("dry-run never sends orders")) {
            try await dryRun.cancelOrder(symbol: SimFixture.symbol, clientOrderId: "hm-dry-1")
        }
        #expect(try await sim.openOrders(symbol: nil).isEmpty)
        #expect(try await sim.positions().isEmpty)
        let leverage = try await dryRun.setLeverage(symbol: SimFixture.symbol, leverage: 5)
        #expect(leverage == 1)
        #expect(await sim.leverage(symbol: SimFixture.symbol) == 1)
        // Everything else is the sim's: the book is read through.
        #expect(try await dryRun.bookTicker(symbol: SimFixture.symbol) == sim.bookTicker(symbol: SimFixture.symbol))
    }
}
