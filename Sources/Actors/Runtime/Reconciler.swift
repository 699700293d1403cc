import HedgeCore
import HedgeExchange
import HedgeStore
import Logging

/// Brings a starting daemon in line with the venue before any entry may go out, fail closed:
/// until a pass completes, the risk actor vetoes entries (`reconciliation_pending`).
///
/// One pass: the orders earlier runs left unfinished are asked for at the venue (found and
/// matching the store: followed again, their fills while down applied once by trade id; not
/// found once they are older than any in-flight request could be: closed, never re-sent);
/// trades nobody recorded since the last known fill are recorded (of a foreign order, applied to
/// the leg); every leg is set to what the venue holds; open orders this daemon did not send are
/// halted, canceled or left per `reconcile.unknown_orders`. A pass that fails (the venue
/// unreachable) is retried by the runtime's job; once done, the job re-checks halted symbols
/// every `haltRecheckPasses` passes and lifts a halt whose orders are gone.
actor Reconciler {
    let router: RouterActor
    let risk: RiskActor
    let exchange: any ExchangeClient
    let store: any TradingStore
    let policy: UnknownOrderPolicy
    let symbols: [String]
    let time: MeshClock
    let logger: Logger
    /// Where fill recovery starts: the latest fill the store knows (nil on a fresh store).
    let latestFillMs: Int64?
    /// How old an unanswered order must be before "not found" means it never reached the venue:
    /// longer than any request can still be in flight (a venue's recvWindow, our ack timeout).
    let settleMs: Int64
    let haltRecheckPasses: Int
    /// Opened once the first pass completes.
    let done: Latch

    private(set) var report = ReconciliationReport.pending
    private var halted: Set<String> = []

    init(router: RouterActor, risk: RiskActor, exchange: any ExchangeClient, store: any TradingStore, policy: UnknownOrderPolicy,
         symbols: [String], latestFillMs: Int64?, time: MeshClock, done: Latch, settleMs: Int64 = 15_000, haltRecheckPasses: Int = 6,
         logger: Logger) {
        self.done = done
        self.router = router
        self.risk = risk
        self.exchange = exchange
        self.store = store
        self.policy = policy
        self.symbols = symbols
        self.latestFillMs = latestFillMs
        self.time = time
        self.settleMs = settleMs
        self.haltRecheckPasses = max(1, haltRecheckPasses)
        self.logger = logger
    }

    var isDone: Bool { report.status == "done" }

    /// One pass (the runtime's `reconcile` job).
    func run() async {
        report.passes += 1
        report.at = UTCTime.iso8601(ms: time.nowMs())
        if isDone {
            guard !halted.isEmpty, report.passes % haltRecheckPasses == 0 else { return }
            do {
                try await recheckHalts()
            } catch {
                logger.warning("re-checking halted symbols failed; they stay halted", metadata: ["error": "\(error)"])
            }
            return
        }
        do {
            let complete = try await pass()
            report.status = complete ? "done" : "pending"
            if complete {
                await risk.setReconciliation(pending: false, halted: halted)
                done.open()
                logger.notice("reconciliation done", metadata: [
                    "adopted": "\(report.adopted.count)", "never_reached": "\(report.neverReached.count)",
                    "unknown": "\(report.unknown.count)", "canceled": "\(report.canceled.count)",
                    "positions": "\(report.positions.joined(separator: "; "))", "fills_recovered": "\(report.fillsRecovered)",
                ])
            }
        } catch {
            report.status = "failed: \(error)"
            logger.warning("reconciliation failed; entries stay blocked and it is retried", metadata: ["error": "\(error)"])
        }
    }

    /// Returns whether every resumed order is resolved.
    private func pass() async throws -> Bool {
        let now = time.nowMs()
        let open = try await exchange.openOrders(symbol: nil)
        let openById = Dictionary(open.map { ($0.clientOrderId, $0) }, uniquingKeysWith: { first, _ in first })
        let resumed = await router.unresolvedResumedOrders()

        // What the venue says of each resumed order (open, finished, or not there at all).
        var answers: [(id: String, order: VenueOrder?)] = []
        var unsettled = 0
        for order in resumed {
            if let venueOrder = openById[order.clientOrderId] {
                answers.append((order.clientOrderId, venueOrder))
                continue
            }
            switch await query(order.symbol, order.clientOrderId) {
            case .success(let venueOrder):
                answers.append((order.clientOrderId, venueOrder))
            case .failure(.unknownOrder):
                // A request may still be in flight for a while after it was sent: wait that out.
                if now - order.createdAtMs >= settleMs { answers.append((order.clientOrderId, nil)) } else { unsettled += 1 }
            case .failure(let error):
                throw error
            }
        }

        // Trades since the last fill recorded: the resumed orders' own, and any nobody recorded.
        let tradeSymbols = Set(resumed.map(\.symbol)).union(try await exchange.positions().map(\.symbol)).union(symbols)
        let since = max(0, min(latestFillMs ?? now, resumed.map(\.createdAtMs).min() ?? now) - 60_000)
        var trades: [VenueFill] = []
        if latestFillMs != nil || !resumed.isEmpty {
            for symbol in tradeSymbols.sorted() { trades += try await exchange.userTrades(symbol: symbol, sinceMs: since) }
        }
        let resumedVenueIds = Set(answers.compactMap { $0.order?.orderId })
        for answer in answers {
            let own = trades.filter { $0.orderId == answer.order?.orderId }
            for trade in own where !(try await store.hasFill(symbol: trade.symbol, tradeId: trade.tradeId)) { report.fillsRecovered += 1 }
            switch await router.reconcile(answer.id, venueOrder: answer.order, trades: own) {
            case .adopted: report.adopted.append(answer.id)
            case .neverReached: report.neverReached.append(answer.id)
            case .mismatch(let detail):
                report.mismatched.append("\(answer.id): \(detail)")
                logger.critical("an order under our id differs from the store; not adopted", metadata: ["clientOrderId": "\(answer.id)", "detail": "\(detail)"])
            case nil: break
            }
        }
        let ownVenueIds = Set(try await store.orders(AuditFilter(sinceMs: since - 3_600_000)).compactMap(\.venueOrderId)).union(resumedVenueIds)
        for trade in trades where !resumedVenueIds.contains(trade.orderId) {
            guard !(try await store.hasFill(symbol: trade.symbol, tradeId: trade.tradeId)) else { continue }
            report.fillsRecovered += 1
            await router.recover(trade, ownOrder: ownVenueIds.contains(trade.orderId))
        }

        // Legs are what the venue holds.
        report.positions = await router.adoptPositions(try await exchange.positions(), symbols: symbols)

        // Open orders this daemon does not follow.
        let held = await router.heldOrderIds()
        for order in open where !held.client.contains(order.clientOrderId) {
            let name = "\(order.symbol) \(order.clientOrderId)"
            if ClientOrderIdSequence.isOurs(order.clientOrderId) {
                logger.critical("an open order carries our prefix but the store has no record of it", metadata: ["order": "\(name)"])
            }
            switch policy {
            case .cancel:
                do {
                    _ = try await exchange.cancelOrder(symbol: order.symbol, clientOrderId: order.clientOrderId)
                    report.canceled.append(name)
                    logger.warning("canceled an open order this daemon did not send", metadata: ["order": "\(name)"])
                } catch {
                    report.unknown.append(name)
                    halted.insert(order.symbol)
                    logger.error("could not cancel an unknown order; its symbol is halted", metadata: ["order": "\(name)", "error": "\(error)"])
                }
            case .halt:
                report.unknown.append(name)
                halted.insert(order.symbol)
                logger.warning("open order this daemon did not send: no new entries on its symbol until it is gone",
                               metadata: ["order": "\(name)"])
            case .leave:
                report.unknown.append(name)
                logger.notice("open order this daemon did not send; left alone", metadata: ["order": "\(name)"])
            }
        }
        report.halted = halted.sorted()
        return unsettled == 0
    }

    private func query(_ symbol: String, _ clientOrderId: String) async -> Result<VenueOrder, ExchangeError> {
        do {
            return .success(try await exchange.queryOrder(symbol: symbol, clientOrderId: clientOrderId))
        } catch {
            return .failure(error)
        }
    }

    /// Lifts the halt of symbols whose unknown orders are gone.
    private func recheckHalts() async throws {
        let held = await router.heldOrderIds()
        let stillUnknown = Set(try await exchange.openOrders(symbol: nil).filter { !held.client.contains($0.clientOrderId) }.map(\.symbol))
        let lifted = halted.subtracting(stillUnknown)
        guard !lifted.isEmpty else { return }
        halted.subtract(lifted)
        report.halted = halted.sorted()
        await risk.setReconciliation(pending: false, halted: halted)
        logger.notice("halt lifted: the unknown orders are gone", metadata: ["symbols": "\(lifted.sorted())"])
    }
}
