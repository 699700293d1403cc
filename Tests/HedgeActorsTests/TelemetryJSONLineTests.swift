import Foundation
import HedgeActors
import HedgeCore
import HedgeTestKit
import Testing

/// The hand-written JSON of the busiest telemetry records must be the generic encoder's, byte for
/// byte: every consumer of the JSONL files (dashboards, `hedge` commands, the compare job) was
/// written against that output.
@Suite("Telemetry: hand-written JSON lines")
struct TelemetryJSONLineTests {
    static let numbers: [Double] = [
        0, -0.0, 1, -1, 0.1, 0.5, 1e-7, 123_456_789.123, 95_000.25, 1e15, 1e16, 1e21, 1e22, 1.5e300, .leastNonzeroMagnitude,
        9_007_199_254_740_992, 9_007_199_254_740_994, .infinity, -.infinity, .nan, 100, 2.5e-5,
    ]
    static let texts = ["BTCUSDT", "trend", "", "quote\"d", "back\\slash", "a/b", "line\nbreak", "tab\t", "bell\u{7}", "é ü 日本", "\u{1F}"]

    static func number(_ generator: inout SplitMix64) -> Double {
        if generator.next() % 3 == 0 { return numbers[Int(generator.next() % UInt64(numbers.count))] }
        let value = Double(bitPattern: generator.next())
        return value.isFinite ? value : Double(generator.next() % 1_000_000) / 7
    }

    static func text(_ generator: inout SplitMix64) -> String { texts[Int(generator.next() % UInt64(texts.count))] }

    static func maybe<T>(_ generator: inout SplitMix64, _ make: (inout SplitMix64) -> T) -> T? {
        generator.next() % 3 == 0 ? nil : make(&generator)
    }

    static func pick<T: CaseIterable>(_ generator: inout SplitMix64, _: T.Type) -> T {
        let all = Array(T.allCases)
        return all[Int(generator.next() % UInt64(all.count))]
    }

    static func detail(_ generator: inout SplitMix64) -> RiskDetail {
        let measures: [CapMeasure] = [.navPct, .navMultiple, .usd, .count, .leverage, .lossPct, .minutes]
        let checks = (0..<Int(generator.next() % 5)).map { _ in
            CapCheck(code: pick(&generator, VetoCode.self), measure: measures[Int(generator.next() % 7)],
                     scope: maybe(&generator, text), limit: number(&generator), value: number(&generator),
                     passed: generator.next() % 2 == 0)
        }
        return RiskDetail(navUSD: number(&generator), navAgeSeconds: number(&generator), navFresh: generator.next() % 2 == 0,
                          regime: pick(&generator, Regime.self), regimeMultiplier: number(&generator),
                          riskReducing: generator.next() % 2 == 0, checks: checks)
    }

    static func expectSameBytes<T: Encodable & JSONLineWritable>(_ value: T) throws {
        let generic = try JSONOutput.encode(value, pretty: false)
        #expect(value.jsonLine == generic)
    }

    @Test("veto records: the same bytes as the generic encoder, on 2 000 seeded records")
    func vetoRecords() throws {
        var generator = SplitMix64(seed: 1)
        for _ in 0..<2_000 {
            let intent = OrderIntent(symbol: Self.text(&generator), side: Self.pick(&generator, Side.self), grossUSD: Self.number(&generator),
                                     leverage: 1, strategy: Self.text(&generator), reduceOnly: generator.next() % 2 == 0)
            let envelope = IntentEnvelope(id: Self.text(&generator), intent: intent, signal: nil, createdAtMs: 0)
            let vetoes = (0..<Int(generator.next() % 3)).map { _ in Self.pick(&generator, VetoCode.self) }
            let verdict = RiskVerdict(envelope: envelope, sizing: SizingDecision(desiredUSD: 1, grossUSD: 1, bindingCap: nil),
                                      decision: RiskDecision(vetoes: vetoes, detail: Self.detail(&generator)),
                                      decidedAtMs: Int64(generator.next() % 4_000_000_000_000))
            try Self.expectSameBytes(VetoRecord(verdict))
        }
    }

    @Test("shadow decisions and order events: the same bytes as the generic encoder, on 2 000 seeded records each")
    func shadowAndOrderRecords() throws {
        var generator = SplitMix64(seed: 2)
        for _ in 0..<2_000 {
            let vetoes = (0..<Int(generator.next() % 3)).map { _ in Self.pick(&generator, VetoCode.self) }
            try Self.expectSameBytes(ShadowDecisionRecord(
                intentId: Self.maybe(&generator, Self.text), symbol: Self.text(&generator), side: Self.pick(&generator, Side.self),
                timeMs: Int64(generator.next() % 4_000_000_000_000), allowed: generator.next() % 2 == 0, vetoes: vetoes,
                grossUSD: Self.number(&generator), router: Self.maybe(&generator) { Self.pick(&$0, ExecutionRoute.self) },
                expectedPrice: Self.maybe(&generator, Self.number), expectedSlippageBps: Self.maybe(&generator, Self.number),
                heartbeat: generator.next() % 2 == 0))
            let statuses: [OrderStatus] = [.new, .partiallyFilled, .filled, .canceled, .rejected, .expired]
            let kinds: [OrderLogEvent.Kind] = [.ack, .fill, .close]
            let liquidities: [Liquidity] = [.maker, .taker]
            try Self.expectSameBytes(OrderLogEvent(
                event: kinds[Int(generator.next() % 3)], clientOrderId: Self.text(&generator), intentId: Self.maybe(&generator, Self.text),
                symbol: Self.text(&generator), side: Self.pick(&generator, Side.self),
                positionSide: Self.maybe(&generator) { Self.pick(&$0, PositionSide.self) }, quantity: Self.number(&generator),
                price: Self.maybe(&generator, Self.number), grossUSD: Self.maybe(&generator, Self.number),
                feeUSD: Self.maybe(&generator, Self.number), liquidity: Self.maybe(&generator) { liquidities[Int($0.next() % 2)] },
                status: statuses[Int(generator.next() % 6)], slippageBps: Self.maybe(&generator, Self.number),
                reason: Self.maybe(&generator, Self.text), timeMs: Int64(generator.next() % 4_000_000_000_000)))
        }
    }
}
