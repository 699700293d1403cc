import DequeModule

/// The last `capacity` elements of a stream, oldest first: the storage of every fixed indicator
/// window. Appending to a full window evicts the oldest element in O(1) (swift-collections'
/// `Deque` is a ring buffer), so a window never shifts while it slides. Value type; the indicator
/// that holds it owns it.
struct FixedWindow<Element: Sendable & Hashable>: Sendable, Hashable {
    private var storage: Deque<Element>
    /// The most elements the window holds (at least one).
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        storage = Deque(minimumCapacity: self.capacity)
    }

    var count: Int { storage.count }
    var isEmpty: Bool { storage.isEmpty }
    var isFull: Bool { storage.count == capacity }

    /// The oldest element.
    var first: Element? { storage.first }
    /// The newest element.
    var last: Element? { storage.last }

    /// The element `offset` places after the oldest (0 is the oldest); nil outside the window.
    func element(at offset: Int) -> Element? {
        guard offset >= 0, offset < storage.count else { return nil }
        return storage[offset]
    }

    /// Appends `element` as the newest; when the window is full the oldest is evicted and returned.
    @discardableResult
    mutating func append(_ element: Element) -> Element? {
        let evicted = isFull ? storage.removeFirst() : nil
        storage.append(element)
        return evicted
    }

    /// Removes and returns the oldest element.
    mutating func removeFirst() -> Element? {
        storage.popFirst()
    }

    /// Removes and returns the newest element.
    mutating func removeLast() -> Element? {
        storage.popLast()
    }

    /// The elements oldest first, as a new array (O(count); for periodic resynchronisation).
    var elements: [Element] { Array(storage) }
}
