// Hand-written JSON for the risk detail every veto line and shadow head carries (see
// `JSONLineWritable`); keys in `JSONOutput`'s sorted order, checked against it by tests.

extension CapCheck: JSONLineWritable {
    public func appendJSON(to bytes: inout [UInt8]) {
        JSONObjectWriter.write(into: &bytes) { json in
            json.string("code", code.rawValue)
            json.number("limit", limit)
            json.string("measure", measure.rawValue)
            json.bool("passed", passed)
            if let scope { json.string("scope", scope) }
            json.number("value", value)
        }
    }
}

extension RiskDetail: JSONLineWritable {
    public func appendJSON(to bytes: inout [UInt8]) {
        JSONObjectWriter.write(into: &bytes) { json in
            json.objects("checks", checks)
            json.number("nav_age_s", navAgeSeconds)
            json.bool("nav_fresh", navFresh)
            json.number("nav_usd", navUSD)
            json.string("regime", regime.rawValue)
            json.number("regime_multiplier", regimeMultiplier)
            json.bool("risk_reducing", riskReducing)
        }
    }
}
