import HedgeCore
import HedgeExchange
import Logging

/// What a lockstep run replays: the sim venue's replay and the market time the mesh reads
/// (`MeshClock.market`).
public struct LockstepFeed: Sendable {
    public let replay: SimReplay
    public let market: MarketTime

    public init(replay: SimReplay, market: MarketTime) {
        self.replay = replay
        self.market = market
    }
}

extension Runtime {
    /// Replays the sim venue's data as fast as the mesh takes it, the same way every time
    /// (`hedge run --speed max`, `hedge parity`). Each bar, in this order:
    ///
    /// 1. the venue runs the bar against working orders and legs; the router gets the bar's book,
    ///    then its order updates go out and the router applies them all (protective orders for a filled entry, a maker entry's next
    ///    step) before anything else happens;
    /// 2. NAV and positions are read from the venue for the risk actor;
    /// 3. the bar and the book go out; the strategies act on the bar and its orders are placed;
    /// 4. every periodic job that is due runs, in the order of `jobs` (the order timeouts —
    ///    maker windows, max hold, missing protection — every bar), and their order updates are
    ///    applied. Jobs that can change what is traded are due by market time, the others (state
    ///    files only) by real time.
    ///
    /// Market time (`LockstepFeed.market`) is the venue's: the close of the bar just run. At the
    /// end of the data the runtime drains.
    func runLockstep(_ lockstep: LockstepFeed, mesh: MeshComponents) async throws {
        let replay = lockstep.replay
        let venue = replay.exchange
        let (processed, announce) = AsyncStream.makeStream(of: Void.self)
        await mesh.signal.onBarProcessed { announce.yield() }
        var barsDone = processed.makeAsyncIterator()
        await marketSubscribed.wait()
        await userSubscribed.wait()
        await warmedUp.wait()
        let subscribed = Set(config.universe.enabledSymbols)
        let jobs = jobs(mesh)
        var lastRunMs: [String: Int64] = [:]
        let wall = ContinuousClock()
        let started = wall.now
        var lastWallRunMs: [String: Int64] = [:]

        /// Runs every job that is due, in the order of `jobs` (all of them the first time): those
        /// that can change what the daemon trades by their interval in market time, the ones
        /// that only write state files by theirs in real time (a month of bars in seconds would
        /// otherwise write every state file at every bar).
        func runDueJobs() async {
            let now = lockstep.market.nowMs
            let wallNow = started.duration(to: wall.now).wholeMilliseconds
            for job in jobs {
                let inMarketTime = Self.lockstepMarketTimeJobs.contains(job.name)
                let last = inMarketTime ? lastRunMs[job.name] : lastWallRunMs[job.name]
                guard last.map({ (inMarketTime ? now : wallNow) - $0 >= job.interval.wholeMilliseconds }) ?? true else { continue }
                await job.work()
                await mesh.jobs.ran(job.name, interval: job.interval)
                if inMarketTime { lastRunMs[job.name] = now } else { lastWallRunMs[job.name] = wallNow }
            }
            await applyUserEvents(of: venue, mesh: mesh)
        }

        if let first = try await replay.nextBarOpenTimeMs() { lockstep.market.advance(to: first) }
        // Reconciliation runs as the first pass's `reconcile` job; one that cannot finish yet is
        // retried on its interval in market time, with entries vetoed meanwhile (waiting for it
        // here would wait forever: nothing else runs the jobs).
        await runDueJobs()
        while !Task.isCancelled, let event = try await replay.step(holdingMarket: true) {
            let now = await venue.nowMs
            lockstep.market.advance(to: now)
            if let book = await venue.book(for: event.symbol) { await mesh.router.updateBook(book, for: event.symbol, atMs: now) }
            await venue.publishHeldUserEvents()
            await applyUserEvents(of: venue, mesh: mesh)
            // NAV is read a millisecond after the bar's fills were applied: the exposure then
            // counts them once (the venue's answer has them), not again as fills since the read.
            lockstep.market.advance(to: now + 1)
            await mesh.risk.updateAccount(nav: await mesh.nav.sample(), positions: await mesh.nav.positions)
            await venue.publishHeldMarket()
            // A symbol the universe does not enable has no subscriber: nothing acts on its bar.
            if subscribed.contains(event.symbol) {
                guard await barsDone.next() != nil else { return }
            }
            await applyUserEvents(of: venue, mesh: mesh)
            await runDueJobs()
            // Back-pressure: the replay produces records faster than files and the store take
            // them; past a backlog it waits for the writers (nothing dropped, and the drain at the
            // end has little left to write).
            if mesh.telemetry.backlog >= Self.lockstepBacklog { await mesh.telemetry.waitForBacklog(below: Self.lockstepBacklog / 2) }
            if let recorder = persistence?.recorder, recorder.backlog >= Self.lockstepBacklog {
                await recorder.waitForBacklog(below: Self.lockstepBacklog / 2)
            }
        }
        let bars = await replay.barsReplayed
        logger.notice("lockstep replay reached the end of its data; draining", metadata: [
            "bars": "\(bars)", "market_time": "\(UTCTime.iso8601(ms: lockstep.market.nowMs))"])
        endOfData.open()
    }

    /// How many queued telemetry messages or store records a lockstep replay lets build up.
    static let lockstepBacklog = 20_000

    /// The jobs whose work can change what the daemon trades (kill switch, order timeouts,
    /// reconciliation, universe filters, the learning loop): in lockstep they run by market time.
    static let lockstepMarketTimeJobs: Set<String> = ["kill_switch", "order_timeouts", "reconcile", "universe", "intel"]

    /// Returns once the router has applied every user event the venue published, including
    /// those its own reactions (orders placed, canceled) published meanwhile.
    private func applyUserEvents(of venue: SimExchange, mesh: MeshComponents) async {
        while !Task.isCancelled {
            let published = venue.userEventsPublished
            await mesh.router.waitUntilApplied(userEvents: published)
            if venue.userEventsPublished == published { return }
        }
    }
}
