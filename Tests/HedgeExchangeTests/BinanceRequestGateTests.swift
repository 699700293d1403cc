@testable import HedgeExchange
import Testing

@Suite("Binance request gate")
struct BinanceRequestGateTests {
    @Test("trading requests always go while the gate is open; housekeeping reads go two at a time and never ahead of a waiting order")
    func lanes() {
        var gate = BinanceRequestGate()
        #expect(gate.started(.housekeeping) == false)
        #expect(gate.maySend(.housekeeping))
        _ = gate.started(.housekeeping)
        #expect(!gate.maySend(.housekeeping), "a third read waits")
        #expect(gate.maySend(.trading), "an order does not wait for reads")
        gate.finished(.housekeeping, probe: false, refused: false)
        #expect(gate.maySend(.housekeeping))
        gate.tradingRequestArrived()
        #expect(!gate.maySend(.housekeeping), "a read waits while an order waits")
        gate.tradingRequestLeft()
        #expect(gate.maySend(.housekeeping))
    }

    @Test("after a 429 one probe goes alone once the requests in flight are back, an order before a read; only its success opens the gate")
    func probeAfterARefusal() {
        var gate = BinanceRequestGate()
        _ = gate.started(.housekeeping)
        _ = gate.started(.trading)
        gate.finished(.housekeeping, probe: false, refused: true)
        #expect(!gate.maySend(.trading) && !gate.maySend(.housekeeping), "the order still in flight may come back refused too")
        gate.finished(.trading, probe: false, refused: false)
        #expect(gate.probing, "an answer that is not the probe's does not open the gate")

        gate.tradingRequestArrived()
        #expect(!gate.maySend(.housekeeping) && gate.maySend(.trading), "the waiting order is the probe")
        #expect(gate.started(.trading) == true)
        gate.tradingRequestLeft()
        #expect(!gate.maySend(.trading) && !gate.maySend(.housekeeping), "nothing goes beside the probe")
        gate.finished(.trading, probe: true, refused: true)
        #expect(gate.probing && gate.maySend(.housekeeping), "refused again: the next request probes")
        #expect(gate.started(.housekeeping) == true)
        gate.finished(.housekeeping, probe: true, refused: false)
        #expect(!gate.probing && gate.maySend(.trading) && gate.maySend(.housekeeping))
    }

    @Test("placing, querying and cancelling orders are trading; every other endpoint is housekeeping")
    func laneOfEndpoints() {
        for endpoint in [BinanceEndpoint.newOrder, .queryOrder, .cancelOrder] { #expect(BinanceRequestGate.Lane(endpoint) == .trading) }
        for endpoint in [BinanceEndpoint.account, .positionRisk, .exchangeInfo, .userTrades, .keepAliveListenKey, .openOrders(allSymbols: true)] {
            #expect(BinanceRequestGate.Lane(endpoint) == .housekeeping)
        }
    }
}
