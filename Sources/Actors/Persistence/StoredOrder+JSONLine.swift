import HedgeCore
import HedgeStore

// Hand-written JSON for order journal lines (see `JSONLineWritable`): the same bytes as
// `JSONOutput.encode(order, pretty: false)`, absent optionals left out, built on the order
// path in a few microseconds. Checked against the encoder by tests.

extension StoredOrder: JSONLineWritable {
    public func appendJSON(to bytes: inout [UInt8]) {
        JSONObjectWriter.write(into: &bytes) { json in
            json.string("client_order_id", clientOrderId)
            json.integer("created_at_ms", Int(createdAtMs))
            json.bool("fallback", fallback)
            json.decimalString("filled_quantity", filledQuantity)
            json.decimalString("filled_quote", filledQuote)
            if let intentId { json.string("intent_id", intentId) }
            json.bool("opening", opening)
            if let positionSide { json.string("position_side", positionSide.rawValue) }
            if let price { json.decimalString("price", price) }
            json.decimalString("quantity", quantity)
            if let reason { json.string("reason", reason) }
            json.bool("reduce_only", reduceOnly)
            json.string("route", route)
            json.string("run_id", runId)
            json.string("side", side.rawValue)
            json.string("state", state)
            json.string("status", status.rawValue)
            if let stopPrice { json.decimalString("stop_price", stopPrice) }
            json.string("strategy", strategy)
            json.string("symbol", symbol)
            if let timeInForce { json.string("time_in_force", timeInForce) }
            json.string("type", type)
            json.integer("updated_at_ms", Int(updatedAtMs))
            if let venueOrderId { json.string("venue_order_id", venueOrderId) }
        }
    }
}
