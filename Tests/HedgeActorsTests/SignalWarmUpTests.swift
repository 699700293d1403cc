import Foundation
@testable import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeTestKit
import Testing

/// Records every bar it is fed and signals on each one: shows what warm-up feeds and that its
/// signals never reach risk.
private struct RecordingStrategy: Strategy {
    let name = "recording"
    let warmupBars: Int
    let seen: LockedValue<[String]>

    mutating func onBar(_ bar: Bar, symbol: String, regime: Regime) -> [StrategySignal] {
        seen.withLock { $0.append("\(symbol)@\(bar.openTimeMs)") }
        return [StrategySignal(symbol: symbol, side: .buy, timeMs: bar.openTimeMs, referencePrice: bar.close, conviction: 1, stopPrice: nil,
                               takeProfitPrice: nil, sizeNavPct: 1, reason: "every bar", strategy: name, regime: regime, quantity: nil)]
    }
}

@Suite("Strategy warm-up from venue history")
struct SignalWarmUpTests {
    /// A flat-book daemon whose sim venue has replayed `bars` BTCUSDT bars, and a signal actor
    /// around a recording strategy wired to that daemon's risk, router and shadow.
    static func warmed(bars: Int, warmupBars: Int) async throws -> (SignalActor, LockedValue<[String]>, [Bar], SimExchange) {
        let fixture = try MeshFixture(strategiesEnabled: false)
        let data = try MarketDataSet.open(path: "\(MeshFixture.repositoryRoot)/data/demo/1m", symbols: ["BTCUSDT"])
        let replay = try SimReplay(exchange: fixture.exchange, dataSet: data)
        var replayed: [Bar] = []
        for _ in 0..<bars {
            guard let event = try await replay.step() else { break }
            replayed.append(event.bar)
        }
        let seen = LockedValue<[String]>([])
        let mesh = fixture.runtime.mesh
        let signal = SignalActor(strategies: [RecordingStrategy(warmupBars: warmupBars, seen: seen)], regime: fixture.config.strategies.regime,
                                 risk: mesh.risk, router: mesh.router, shadow: mesh.shadow)
        return (signal, seen, replayed, fixture.exchange)
    }

    @Test("the limit is three times the longest window, at least 100 and at most 1000")
    func limit() async throws {
        #expect(await try Self.warmed(bars: 0, warmupBars: 10).0.warmupLimit == 100)
        #expect(await try Self.warmed(bars: 0, warmupBars: 51).0.warmupLimit == 153)
        #expect(await try Self.warmed(bars: 0, warmupBars: 900).0.warmupLimit == 1000)
    }

    @Test("the venue's latest closed bars are fed oldest first but the last, their signals dropped; a symbol without history gets none")
    func feedsHistoryWithoutTrading() async throws {
        let (signal, seen, replayed, venue) = try await Self.warmed(bars: 250, warmupBars: 50)
        let fed = await signal.warmUp(from: venue, symbols: ["BTCUSDT", "NOSUCHUSDT"])
        #expect(fed == ["BTCUSDT": 150, "NOSUCHUSDT": 0])
        #expect(seen.value == replayed.suffix(150).dropLast().map { "BTCUSDT@\($0.openTimeMs)" })
        #expect(await signal.signalsSeen == 0)
        #expect(await signal.barsSeen == 0)
    }

    @Test("the history's last bar delivered live closed after the stream began: acted on; an older live bar is skipped")
    func lastHistoryBarDeliveredLiveIsActedOn() async throws {
        let (signal, seen, replayed, venue) = try await Self.warmed(bars: 120, warmupBars: 10)
        await signal.warmUp(from: venue, symbols: ["BTCUSDT"])
        await signal.onBar(replayed[replayed.count - 2], symbol: "BTCUSDT")
        #expect(await signal.barsSeen == 0)
        let last = try #require(replayed.last)
        await signal.onBar(last, symbol: "BTCUSDT")
        #expect(await signal.barsSeen == 1)
        #expect(await signal.signalsSeen == 1)
        #expect(seen.value.count == 100)
        #expect(seen.value.last == "BTCUSDT@\(last.openTimeMs)")
    }

    @Test("a first live bar newer than the history: the held-back last bar is fed as history first, then the live one acted on")
    func heldBackBarIsHistoryBeforeANewerBar() async throws {
        let (signal, seen, replayed, venue) = try await Self.warmed(bars: 120, warmupBars: 10)
        await signal.warmUp(from: venue, symbols: ["BTCUSDT"])
        let last = try #require(replayed.last)
        var next = last
        next.openTimeMs += 60_000
        await signal.onBar(next, symbol: "BTCUSDT")
        #expect(await signal.barsSeen == 1)
        #expect(await signal.signalsSeen == 1)
        #expect(seen.value.suffix(2) == ["BTCUSDT@\(last.openTimeMs)", "BTCUSDT@\(next.openTimeMs)"])
        #expect(seen.value.count == 101)
    }

    @Test("a symbol whose history cannot be read is skipped (it warms up from live bars); the others are fed")
    func unreadableHistoryIsSkipped() async throws {
        let (signal, _, _, venue) = try await Self.warmed(bars: 250, warmupBars: 50)
        await venue.setFaults(SimFaults(failures: [.klines: .init(count: 1, error: .transport("timeout"))]))
        let fed = await signal.warmUp(from: venue, symbols: ["ETHUSDT", "BTCUSDT"])
        #expect(fed == ["BTCUSDT": 150])
    }
}
