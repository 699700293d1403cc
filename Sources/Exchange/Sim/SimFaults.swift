/// The faults a `SimExchange` injects, as a value: set at construction
/// (`SimExchangeConfiguration.faults`) or at run time (`SimExchange.setFaults(_:)`), and read back
/// with `SimExchange.faults` to see what is still armed. Every fault is deterministic: counts, not
/// probabilities, so the same script gives the same run.
///
/// Counted faults are consumed as they fire (a failure with `count: 2` fails the next two calls of
/// its operation, then the operation works again). A call meets its faults in this order: delay,
/// failure, the venue's work, lost response.
public struct SimFaults: Sendable, Hashable {
    /// The next `count` calls of one operation throw `error` without reaching the venue.
    public struct Failure: Sendable, Hashable {
        public var count: Int
        public var error: ExchangeError

        public init(count: Int = 1, error: ExchangeError) {
            self.count = count
            self.error = error
        }
    }

    /// Latency added to every call of an operation, slept on the exchange's injected clock before
    /// the venue does the work (so other calls may run meanwhile, as on a real connection).
    public var delays: [SimOperation: Duration]
    /// Calls that fail outright (`.transport("timeout")`, `.server(status: 503, …)`, …).
    public var failures: [SimOperation: Failure]
    /// The next `n` `placeOrder` calls place the order (it works, and its NEW update goes out on
    /// the user stream) but throw `.transport` instead of answering: the response was lost.
    public var lostPlaceResponses: Int
    /// The next `n` `cancelOrder` calls cancel the order but throw `.transport`.
    public var lostCancelResponses: Int
    /// Breaks every open user stream after this many more user events have been published
    /// (0: before the next one). The streams finish with `.transport`; the event that would have
    /// been next is lost to them, and the next `userEvents()` call first yields `.gap`.
    public var dropUserStreamAfterEvents: Int?
    /// The next `n` order updates are each published twice in a row.
    public var duplicatedOrderUpdates: Int
    /// The next `n` order updates are each held back and published right after the order update
    /// that follows it (or at the end of the next bar step when none follows), so consumers see
    /// them swapped.
    public var reorderedOrderUpdates: Int

    public init(
        delays: [SimOperation: Duration] = [:],
        failures: [SimOperation: Failure] = [:],
        lostPlaceResponses: Int = 0,
        lostCancelResponses: Int = 0,
        dropUserStreamAfterEvents: Int? = nil,
        duplicatedOrderUpdates: Int = 0,
        reorderedOrderUpdates: Int = 0
    ) {
        self.delays = delays
        self.failures = failures
        self.lostPlaceResponses = lostPlaceResponses
        self.lostCancelResponses = lostCancelResponses
        self.dropUserStreamAfterEvents = dropUserStreamAfterEvents
        self.duplicatedOrderUpdates = duplicatedOrderUpdates
        self.reorderedOrderUpdates = reorderedOrderUpdates
    }

    /// No faults: the venue answers every call at once and streams every update once, in order.
    public static let none = SimFaults()

    /// The error the next call of `operation` must fail with, consuming one count.
    mutating func takeFailure(_ operation: SimOperation) -> ExchangeError? {
        guard var failure = failures[operation], failure.count > 0 else { return nil }
        failure.count -= 1
        failures[operation] = failure.count > 0 ? failure : nil
        return failure.error
    }

    /// Whether the call that just did its work loses its response, consuming one count.
    mutating func takeLostResponse(_ operation: SimOperation) -> Bool {
        switch operation {
        case .placeOrder where lostPlaceResponses > 0:
            lostPlaceResponses -= 1
            return true
        case .cancelOrder where lostCancelResponses > 0:
            lostCancelResponses -= 1
            return true
        default:
            return false
        }
    }

    /// Whether the user streams break before the next user event; counts that event down otherwise.
    mutating func takeUserStreamDrop() -> Bool {
        guard let left = dropUserStreamAfterEvents else { return false }
        if left <= 0 {
            dropUserStreamAfterEvents = nil
            return true
        }
        dropUserStreamAfterEvents = left - 1
        return false
    }
}
