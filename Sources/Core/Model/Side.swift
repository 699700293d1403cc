/// The direction of an order as the venue sees it.
public enum Side: String, Sendable, Hashable, Codable, CaseIterable {
    case buy = "BUY"
    case sell = "SELL"

    /// The other side (the side that closes what this side opens).
    public var opposite: Side { self == .buy ? .sell : .buy }
}

/// One leg of a hedge-mode position. A symbol can hold a LONG and a SHORT leg at once.
public enum PositionSide: String, Sendable, Hashable, Codable, CaseIterable {
    case long = "LONG"
    case short = "SHORT"
}

extension Side {
    /// The leg an order on this side acts on in hedge mode: an opening BUY grows LONG and an
    /// opening SELL grows SHORT; a reduce-only BUY shrinks SHORT and a reduce-only SELL shrinks LONG.
    public func leg(reduceOnly: Bool) -> PositionSide {
        switch (self, reduceOnly) {
        case (.buy, false), (.sell, true): return .long
        case (.sell, false), (.buy, true): return .short
        }
    }
}
