/// The last `limit` elements appended, oldest first: the sim's bounded memory of bars, fills and
/// finished orders. Appending is amortised O(1) (the front is trimmed in one move once the storage
/// holds twice the limit), so a long replay keeps flat memory. A plain value owned by `SimExchange`.
struct SimHistory<Element: Sendable>: Sendable {
    /// Most elements kept (≥ 1).
    let limit: Int
    private var storage: [Element] = []

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    mutating func append(_ element: Element) {
        storage.append(element)
        if storage.count >= 2 * limit { storage.removeFirst(storage.count - limit) }
    }

    /// The kept elements, oldest first (at most `limit`).
    var elements: ArraySlice<Element> { storage.suffix(limit) }

    /// The newest element, if any.
    var last: Element? { storage.last }
}
