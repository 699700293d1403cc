import Foundation
import HedgeCore
@testable import HedgeExchange
import Testing

/// What the Binance adapter sends for the router's protective exits.
@Suite struct BinanceTriggerOrderTests {
    @Test("the order query of a trigger asks for the mark price (workingType=MARK_PRICE) and carries the trigger; a limit's does not")
    func triggerQuery() {
        let stop = VenueOrderRequest(clientOrderId: "hm-1", symbol: "BTCUSDT", side: .sell, positionSide: .long, type: .stopMarket,
                                     quantity: 1, stopPrice: Decimal(string: "93100"))
        let query = BinanceUSDMClient.orderQuery(stop).items
        #expect(query.contains { $0.name == "workingType" && $0.value == "MARK_PRICE" })
        #expect(query.contains { $0.name == "stopPrice" && $0.value == "93100" })
        #expect(!query.contains { $0.name == "reduceOnly" }, "hedge mode: the leg says it")
        let limit = VenueOrderRequest(clientOrderId: "hm-2", symbol: "BTCUSDT", side: .buy, positionSide: .long, type: .limit,
                                      quantity: 1, price: 90, timeInForce: .gtx)
        #expect(!BinanceUSDMClient.orderQuery(limit).items.contains { $0.name == "workingType" })
    }
}
