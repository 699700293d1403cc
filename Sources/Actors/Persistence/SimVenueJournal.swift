import Foundation
import HedgeCore
import HedgeExchange

/// The paper daemon's record of its simulated venue: every input the venue took (bars, orders
/// placed and canceled; `SimVenueEvent`), one line each, appended before the venue applies it.
/// At start the lines are replayed over the same data (`SimReplay.restore`), so the venue comes
/// back with its wallet, legs, working orders, fills and replay position — the way a real venue
/// outlives the daemon.
public final class SimVenueJournal: Sendable {
    private let log: AppendOnlyLog

    public var path: String { log.path }

    public init(path: String) throws(PersistenceError) {
        log = try AppendOnlyLog(path: path)
    }

    /// The events earlier processes recorded, oldest first.
    public func events() throws(PersistenceError) -> [SimVenueEvent] {
        try log.lines { try JSONDecoder().decode(SimVenueEvent.self, from: $0) }
    }

    /// Appends one event. A failure is reported to `onFailure` (the venue goes on: a paper
    /// venue that cannot journal forgets, at the next restart, what it did since).
    public func append(_ event: SimVenueEvent, onFailure: (any Error) -> Void) {
        do {
            let line = try JSONOutput.encode(event, pretty: false)
            try log.append(Array(line.utf8))
        } catch {
            onFailure(error)
        }
    }
}
