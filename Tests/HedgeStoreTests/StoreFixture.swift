import Foundation
import HedgeCore
@testable import HedgeStore

/// A store in a fresh temporary directory, removed by `cleanUp()`.
struct StoreFixture {
    let directory: String
    var path: String { "\(directory)/state/hedge.sqlite" }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hedge-store-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func open() throws -> SQLiteTradingStore { try SQLiteTradingStore(path: path) }

    func cleanUp() { try? FileManager.default.removeItem(atPath: directory) }

    static func order(_ id: String, run: String = "r1", symbol: String = "BTCUSDT", createdAtMs: Int64 = 1_000) -> StoredOrder {
        StoredOrder(clientOrderId: id, runId: run, intentId: "trend-BTCUSDT-1", symbol: symbol, side: .buy, positionSide: .long,
                    type: "LIMIT", timeInForce: "GTX", reduceOnly: false, quantity: Decimal(string: "0.031") ?? 0,
                    price: Decimal(string: "94551.2"), opening: true, route: "maker", fallback: false, strategy: "trend",
                    createdAtMs: createdAtMs, updatedAtMs: createdAtMs)
    }

    static func fill(_ tradeId: String, order: String = "hm-r1-1", quantity: String = "0.031", timeMs: Int64 = 2_000) -> StoredFill {
        StoredFill(symbol: "BTCUSDT", tradeId: tradeId, clientOrderId: order, venueOrderId: "77", side: .buy, positionSide: .long,
                   quantity: Decimal(string: quantity) ?? 0, price: Decimal(string: "94551.2") ?? 0, feeUSD: Decimal(string: "0.58") ?? 0,
                   liquidity: "maker", timeMs: timeMs, runId: "r1", foreign: false)
    }

    static func run(_ id: String, startedAtMs: Int64 = 500) -> StoredRun {
        StoredRun(runId: id, startedAtMs: startedAtMs, engineVersion: "0.1.0", configHash: "abc", flags: ["INTEL_V6_ENABLED": true],
                  mode: "paper", venue: "sim")
    }
}
