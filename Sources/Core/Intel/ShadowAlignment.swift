/// Shadow decisions aligned with live fills: the matched pairs and what was left over.
///
/// Alignment (deterministic):
/// 1. Heartbeat decisions are set aside and never matched.
/// 2. By intent id: each decision with an `intent_id` takes the unused fill with the same id
///    nearest in time (ties: the earlier line).
/// 3. By time window: each remaining decision, in time order, takes the unused fill of the same
///    symbol and side within `window` nearest in time (ties: the earlier line), unless both
///    carry intent ids that differ (those are known to be different intents).
///
/// Each fill is matched at most once and each decision at most once.
public struct ShadowAlignment: Sendable, Hashable {
    public var matches: [ShadowMatch]
    /// Non-heartbeat decisions left without a fill (input order).
    public var unmatchedDecisions: [ShadowDecisionRecord]
    /// Fills no decision took (input order).
    public var unmatchedExecuted: [ExecutedOrderRecord]
    public var heartbeatCount: Int

    public init(decisions: [ShadowDecisionRecord], executed: [ExecutedOrderRecord], parameters: CompareParameters = .default) {
        let candidates = decisions.indices.filter { !decisions[$0].heartbeat }
            .sorted { (decisions[$0].timeMs, $0) < (decisions[$1].timeMs, $1) }
        var usedFills = Set<Int>()
        var pairs: [(decision: Int, fill: Int, method: ShadowMatch.Method)] = []
        var matchedDecisions = Set<Int>()

        func nearest(to decision: ShadowDecisionRecord, where accepts: (ExecutedOrderRecord) -> Bool) -> Int? {
            var best: (distance: Int64, index: Int)?
            for index in executed.indices where !usedFills.contains(index) && accepts(executed[index]) {
                let distance = abs(executed[index].timeMs - decision.timeMs)
                if best.map({ (distance, index) < ($0.distance, $0.index) }) ?? true { best = (distance, index) }
            }
            return best?.index
        }

        for d in candidates {
            guard let id = decisions[d].intentId,
                  let f = nearest(to: decisions[d], where: { $0.intentId == id }) else { continue }
            usedFills.insert(f)
            matchedDecisions.insert(d)
            pairs.append((d, f, .intentId))
        }
        let windowMs = parameters.windowMs
        for d in candidates where !matchedDecisions.contains(d) {
            let decision = decisions[d]
            let found = nearest(to: decision) { fill in
                fill.symbol == decision.symbol && fill.side == decision.side
                    && abs(fill.timeMs - decision.timeMs) <= windowMs
                    && !(fill.intentId != nil && decision.intentId != nil && fill.intentId != decision.intentId)
            }
            guard let f = found else { continue }
            usedFills.insert(f)
            matchedDecisions.insert(d)
            pairs.append((d, f, .timeWindow))
        }

        pairs.sort { (decisions[$0.decision].timeMs, $0.decision) < (decisions[$1.decision].timeMs, $1.decision) }
        matches = pairs.map {
            ShadowMatch(decision: decisions[$0.decision], executed: executed[$0.fill], matchedBy: $0.method,
                        sizeTolerancePct: parameters.sizeTolerancePct)
        }
        unmatchedDecisions = decisions.indices.filter { !decisions[$0].heartbeat && !matchedDecisions.contains($0) }.map { decisions[$0] }
        unmatchedExecuted = executed.indices.filter { !usedFills.contains($0) }.map { executed[$0] }
        heartbeatCount = decisions.count(where: \.heartbeat)
    }
}
