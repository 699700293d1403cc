/// A fixed-capacity double-ended queue over one allocation, oldest element first.
///
/// The storage for every fixed indicator window: pushing onto a full buffer evicts the oldest
/// element in O(1), so a window never reallocates or shifts while it slides. Value type; the
/// indicator that holds it owns it.
struct RingBuffer<Element: Sendable & Hashable>: Sendable, Hashable {
    private var storage: [Element?]
    /// Storage index of the oldest element.
    private var head = 0
    private(set) var count = 0

    /// A buffer holding at most `capacity` elements (at least one).
    init(capacity: Int) {
        storage = Array(repeating: nil, count: max(1, capacity))
    }

    var capacity: Int { storage.count }
    var isEmpty: Bool { count == 0 }
    var isFull: Bool { count == storage.count }

    /// The oldest element.
    var first: Element? { isEmpty ? nil : storage[head] }
    /// The newest element.
    var last: Element? { isEmpty ? nil : storage[slot(count - 1)] }

    /// The element `offset` places after the oldest (0 is the oldest); nil outside the buffer.
    func element(at offset: Int) -> Element? {
        guard offset >= 0, offset < count else { return nil }
        return storage[slot(offset)]
    }

    /// Appends `element` as the newest; when the buffer is full the oldest is evicted and returned.
    @discardableResult
    mutating func append(_ element: Element) -> Element? {
        if isFull {
            let evicted = storage[head]
            storage[head] = element
            head = (head + 1) % storage.count
            return evicted
        }
        storage[slot(count)] = element
        count += 1
        return nil
    }

    /// Removes and returns the oldest element.
    mutating func removeFirst() -> Element? {
        guard let oldest = first else { return nil }
        storage[head] = nil
        head = (head + 1) % storage.count
        count -= 1
        return oldest
    }

    /// Removes and returns the newest element.
    mutating func removeLast() -> Element? {
        guard let newest = last else { return nil }
        storage[slot(count - 1)] = nil
        count -= 1
        return newest
    }

    /// The elements oldest first, as a new array (O(count); for periodic resynchronisation).
    var elements: [Element] {
        (0..<count).compactMap { element(at: $0) }
    }

    private func slot(_ offset: Int) -> Int {
        (head + offset) % storage.count
    }

    /// Equal when capacity and contents (oldest first) are equal, wherever the storage wraps.
    static func == (lhs: RingBuffer, rhs: RingBuffer) -> Bool {
        lhs.capacity == rhs.capacity && lhs.elements == rhs.elements
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(capacity)
        hasher.combine(elements)
    }
}
