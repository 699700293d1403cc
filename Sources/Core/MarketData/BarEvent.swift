/// One bar of one symbol, as `MergedBarStream` yields it: the unit of a replay or backtest step.
public struct BarEvent: Sendable, Hashable {
    public var symbol: String
    public var bar: Bar

    public init(symbol: String, bar: Bar) {
        self.symbol = symbol
        self.bar = bar
    }
}
