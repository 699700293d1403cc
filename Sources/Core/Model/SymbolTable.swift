/// Per-symbol state keyed by symbol name, stored in an array so that one hash lookup reaches the
/// value and it is then mutated in place (a dictionary's `[key]` get-then-set costs two hashes and
/// moves the value out and back). Built for hot paths that touch one symbol's state on every bar.
/// Iteration order is first-seen order, the same on every run.
public struct SymbolTable<Value>: Sendable where Value: Sendable {
    private var slots: [String: Int] = [:]
    /// The last symbol looked up: a single-symbol run (or a burst of one symbol's bars) skips hashing.
    private var lastSymbol: String?
    private var lastSlot = 0
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
        if symbol == lastSymbol { return lastSlot }
        let index: Int
        if let existing = slots[symbol] {
            index = existing
        } else {
            symbols.append(symbol)
            values.append(make())
            index = values.count - 1
            slots[symbol] = index
        }
        lastSymbol = symbol
        lastSlot = index
        return index
    }

    public subscript(symbol: String) -> Value? {
        slots[symbol].map { values[$0] }
    }
}
