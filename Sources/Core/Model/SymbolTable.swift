/// Per-symbol state keyed by symbol name, stored in an array so that one hash lookup reaches the
/// value and it is then mutated in place (a dictionary's `[key]` get-then-set costs two hashes and
/// moves the value out and back). Built for hot paths that touch one symbol's state on every bar.
/// Iteration order is first-seen order, the same on every run.
public struct SymbolTable<Value>: Sendable where Value: Sendable {
    private var slots: [String: Int] = [:]
    public private(set) var symbols: [String] = []
    /// Values in first-seen order; index them with `slot(for:make:)` to mutate in place.
    public var values: [Value] = []

    public init() {}

    /// Runs `body` on `symbol`'s value, creating it with `make` on first use.
    public mutating func withValue<R>(for symbol: String, make: () -> Value, _ body: (inout Value) throws -> R) rethrows -> R {
        let index = slot(for: symbol, make: make)
        return try body(&values[index])
    }

    /// The slot of `symbol`, creating its value with `make` on first use.
    public mutating func slot(for symbol: String, make: () -> Value) -> Int {
        if let index = slots[symbol] { return index }
        symbols.append(symbol)
        values.append(make())
        slots[symbol] = values.count - 1
        return values.count - 1
    }

    public subscript(symbol: String) -> Value? {
        slots[symbol].map { values[$0] }
    }
}
