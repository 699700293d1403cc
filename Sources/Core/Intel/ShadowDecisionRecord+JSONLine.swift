// Hand-written JSON for `pipeline_v6_shadow.jsonl` lines (see `JSONLineWritable`): optional
// fields as null, as the Codable encoding writes them; checked against it by tests.

extension ShadowDecisionRecord: JSONLineWritable {
    public func appendJSON(to bytes: inout [UInt8]) {
        JSONObjectWriter.write(into: &bytes) { json in
            json.bool("allowed", allowed)
            json.number("expected_price", expectedPrice)
            json.number("expected_slippage_bps", expectedSlippageBps)
            json.number("gross_usd", grossUSD)
            json.bool("heartbeat", heartbeat)
            json.string("intent_id", intentId)
            json.string("router", router?.rawValue)
            json.string("side", side.rawValue)
            json.string("symbol", symbol)
            json.string("time", UTCTime.iso8601(ms: timeMs))
            json.strings("vetoes", vetoes.map(\.rawValue))
        }
    }
}
