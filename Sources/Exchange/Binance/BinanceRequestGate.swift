/// The one gate every REST request of a Binance client passes, so that rate limits never
/// escalate. The limiter (`BinanceRateLimiter`) says how long the whole budget must wait; the
/// gate decides who goes once it may be spent:
/// - trading requests (placing, querying and cancelling orders) go before housekeeping reads:
///   a read waits while a trading request is waiting;
/// - housekeeping reads go at most `housekeepingInFlightLimit` at a time, so that when a 429
///   comes back few requests are already on their way into its window;
/// - after a 429 (or a 418) the next request is a probe: it goes alone, once every request
///   already in flight has come back, and the gate opens for all only when the probe was not
///   refused. A venue that refuses again sees one request per Retry-After, never a burst.
///
/// Pure state, owned by the client actor, which parks the requests told to wait and asks again
/// whenever a request starts or finishes.
struct BinanceRequestGate: Sendable {
    enum Lane: Sendable, Hashable {
        case trading, housekeeping

        init(_ endpoint: BinanceEndpoint) {
            self = endpoint.path == BinanceEndpoint.newOrder.path ? .trading : .housekeeping
        }
    }

    static let housekeepingInFlightLimit = 2

    private(set) var inFlightTrading = 0
    private(set) var inFlightHousekeeping = 0
    /// Trading requests waiting to be sent (on the limiter's delay or parked here).
    private(set) var waitingTrading = 0
    /// A 429 or 418 came back and no request has been answered without one since.
    private(set) var probing = false
    private var probeInFlight = false

    /// Whether a request in `lane` may be sent now (the limiter having said the budget allows it).
    func maySend(_ lane: Lane) -> Bool {
        if probing {
            return !probeInFlight && inFlightTrading + inFlightHousekeeping == 0 && (lane == .trading || waitingTrading == 0)
        }
        switch lane {
        case .trading: return true
        case .housekeeping: return waitingTrading == 0 && inFlightHousekeeping < Self.housekeepingInFlightLimit
        }
    }

    mutating func tradingRequestArrived() { waitingTrading += 1 }
    mutating func tradingRequestLeft() { waitingTrading -= 1 }

    /// A request in `lane` is sent; returns whether it is the probe.
    mutating func started(_ lane: Lane) -> Bool {
        switch lane {
        case .trading: inFlightTrading += 1
        case .housekeeping: inFlightHousekeeping += 1
        }
        guard probing else { return false }
        probeInFlight = true
        return true
    }

    /// A request's answer came back (or it failed); `refused` when it was a 429 or a 418.
    mutating func finished(_ lane: Lane, probe: Bool, refused: Bool) {
        switch lane {
        case .trading: inFlightTrading -= 1
        case .housekeeping: inFlightHousekeeping -= 1
        }
        if refused {
            probing = true
        } else if probe {
            probing = false
        }
        if probe { probeInFlight = false }
    }
}
