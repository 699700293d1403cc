/// The market regime the regime detector classifies bars into. Risk caps scale by a
/// per-regime multiplier (`risk_limits.json` `regime_multipliers`).
public enum Regime: String, Sendable, Hashable, Codable, CaseIterable {
    case bull
    case chop
    case bear
    case crash
}
