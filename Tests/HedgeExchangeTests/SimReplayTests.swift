import Foundation
import HedgeCore
import HedgeExchange
import HedgeTestKit
import Testing

@Suite("Sim venue replay")
struct SimReplayTests {
    typealias F = SimFixture

    /// The repository's bundled `data/demo/`, found from this file.
    static let demoDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data/demo").path

    @Test("the bundled 1m data replays bar by bar: klines, default filters and the book follow it")
    func bundledData() async throws {
        let dataSet = try MarketDataSet.open(path: "\(Self.demoDirectory)/1m", symbols: ["BTCUSDT"])
        let sim = SimExchange(configuration: F.configuration())
        let replay = try SimReplay(exchange: sim, dataSet: dataSet)
        guard let first = try await replay.step() else {
            Issue.record("the demo data is empty")
            return
        }
        #expect(try await replay.advance(to: first.bar.openTimeMs + 2 * F.minuteMs) == 2)
        #expect(await sim.nowMs == first.bar.openTimeMs + 3 * F.minuteMs)
        let klines = try await sim.klines(symbol: "BTCUSDT", interval: "1m", limit: 2)
        #expect(klines.map(\.openTimeMs) == [first.bar.openTimeMs + F.minuteMs, first.bar.openTimeMs + 2 * F.minuteMs])
        await #expect(throws: ExchangeError.self) { try await sim.klines(symbol: "BTCUSDT", interval: "1h", limit: 2) }
        let filters = try await sim.exchangeInfo()["BTCUSDT"]
        #expect(filters?.price.tickSize == F.decimal("0.1"))
        #expect(filters?.lot.stepSize == F.decimal("0.001"))
        let book = try await sim.bookTicker(symbol: "BTCUSDT")
        #expect(book.isValid)
        #expect(book.bidPrice < book.askPrice)
    }

    @Test("run replays at the speed factor, sleeping the bar interval divided by the speed on the injected clock")
    func runOnManualClock() async throws {
        let clock = ManualClock()
        let sim = SimExchange(configuration: F.configuration())
        let replay = SimReplay(exchange: sim, bars: F.bars([100, 101, 102]))
        let run = Task { try await replay.run(speed: 60, clock: clock) }
        await clock.waitForSleepers(1)
        #expect(await replay.barsReplayed == 1)
        clock.advance(by: .seconds(1))
        await clock.waitForSleepers(1)
        #expect(await replay.barsReplayed == 2)
        clock.advance(by: .seconds(1))
        try await run.value
        #expect(await replay.barsReplayed == 3)
        #expect(clock.now.offset == .seconds(2))
        #expect(await sim.nowMs == F.startMs + 3 * F.minuteMs)
    }

    @Test("bars of several symbols at one time go out back to back, without sleeping between them")
    func sameTimeBarsDoNotSleep() async throws {
        let clock = ManualClock()
        let sim = SimExchange(configuration: F.configuration())
        let bars = [F.bar(0, open: 100, high: 101, low: 99, close: 100), F.bar(0, open: 10, high: 11, low: 9, close: 10, symbol: "ALTUSDT"),
                    F.bar(1, open: 100, high: 101, low: 99, close: 100)]
        let replay = SimReplay(exchange: sim, bars: bars)
        let run = Task { try await replay.run(speed: 60, clock: clock) }
        await clock.waitForSleepers(1)
        #expect(await replay.barsReplayed == 2)
        clock.advance(by: .seconds(1))
        try await run.value
        #expect(await replay.barsReplayed == 3)
    }

    @Test("a replay speed that is not above zero is refused")
    func invalidSpeed() async throws {
        let sim = SimExchange(configuration: F.configuration())
        let replay = SimReplay(exchange: sim, bars: F.bars([100]))
        await #expect(throws: ExchangeError.notAllowed("replay speed must be > 0, got 0.0")) {
            try await replay.run(speed: 0, clock: ManualClock())
        }
    }
}
