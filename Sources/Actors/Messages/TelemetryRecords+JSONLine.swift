import HedgeCore

// Hand-written JSON for `orders_executed.jsonl` lines (see `JSONLineWritable`): absent optionals
// are left out, as the synthesized Codable encoding does; checked against it by tests.

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
