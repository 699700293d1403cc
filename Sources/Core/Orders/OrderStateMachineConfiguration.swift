/// The timing and retry limits of `OrderStateMachine`, defaulted for Binance USD-M.
public struct OrderStateMachineConfiguration: Sendable, Hashable {
    /// How long a sent order may wait for its ack or first update before its outcome counts as
    /// unknown and it is queried. Default 10 s (longer than Binance's default 5 s recvWindow, so
    /// a query never races a request the venue may still accept).
    public var ackTimeout: Duration
    /// How long a working order may go without venue news before it is queried (a missed
    /// stream update). Also the interval between repeated queries while the outcome stays
    /// unknown. Default 30 s.
    public var staleAfter: Duration
    /// How many times an order whose submit outcome was unknown, and which the venue then
    /// confirmed it does not have, is re-sent. After that it is closed as REJECTED. Default 1.
    public var maxResends: Int

    public init(ackTimeout: Duration = .seconds(10), staleAfter: Duration = .seconds(30), maxResends: Int = 1) {
        self.ackTimeout = ackTimeout
        self.staleAfter = staleAfter
        self.maxResends = maxResends
    }

    /// The documented defaults.
    public static let `default` = OrderStateMachineConfiguration()
}
