import HedgeCore

// Hand-written JSON for `orders_executed.jsonl` lines (see `JSONLineWritable`): absent optionals
// are left out, as the synthesized Codable encoding does; checked against it by tests.

extension OrderLogEvent: JSONLineWritable {
    public func appendJSON(to bytes: inout [UInt8]) {
        JSONObjectWriter.write(into: &bytes) { json in
            json.string("client_order_id", clientOrderId)
            json.string("event", event.rawValue)
            if let feeUSD { json.number("fee_usd", feeUSD) }
            if let grossUSD { json.number("gross_usd", grossUSD) }
            if let intentId { json.string("intent_id", intentId) }
            if let liquidity { json.string("liquidity", liquidity.rawValue) }
            if let positionSide { json.string("position_side", positionSide.rawValue) }
            if let price { json.number("price", price) }
            json.number("quantity", quantity)
            if let reason { json.string("reason", reason) }
            json.string("side", side.rawValue)
            if let slippageBps { json.number("slippage_bps", slippageBps) }
            json.string("status", status.rawValue)
            json.string("symbol", symbol)
            json.string("time", time)
        }
    }
}

extension VetoRecord: JSONLineWritable {
    public func appendJSON(to bytes: inout [UInt8]) {
        JSONObjectWriter.write(into: &bytes) { json in
            json.bool("allowed", allowed)
            json.value("detail") { detail.appendJSON(to: &$0) }
            json.number("gross_usd", grossUSD)
            json.string("intent_id", intentId)
            json.bool("reduce_only", reduceOnly)
            json.string("side", side.rawValue)
            json.string("strategy", strategy)
            json.string("symbol", symbol)
            json.string("time", time)
            json.strings("vetoes", vetoes.map(\.rawValue))
        }
    }
}
