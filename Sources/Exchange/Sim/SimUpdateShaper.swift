/// Applies the stream faults of `SimFaults` that re-shape order updates: duplicates and swaps.
/// A plain value owned by `SimExchange`; it holds at most one update back (the first of a pair
/// to swap). Other user events (account, gap) pass straight through.
struct SimUpdateShaper: Sendable {
    private var held: UserEvent?

    /// What to publish for `event`, in order, consuming fault counts from `faults`.
    mutating func shape(_ event: UserEvent, faults: inout SimFaults) -> [UserEvent] {
        guard case .order = event else { return [event] }
        var out: [UserEvent] = []
        if let first = held {
            // The held update goes out right after the one that overtook it.
            held = nil
            out = [event, first]
        } else if faults.reorderedOrderUpdates > 0 {
            faults.reorderedOrderUpdates -= 1
            held = event
            return []
        } else {
            out = [event]
        }
        if faults.duplicatedOrderUpdates > 0 {
            faults.duplicatedOrderUpdates -= 1
            out.insert(event, at: out.firstIndex(of: event).map { $0 + 1 } ?? out.count)
        }
        return out
    }

    /// The held update, if any: released at the end of a bar step so nothing is held forever.
    mutating func flush() -> [UserEvent] {
        defer { held = nil }
        return held.map { [$0] } ?? []
    }
}
