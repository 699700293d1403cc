import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import Prometheus

/// `GET /metrics`: the daemon in Prometheus text. Per-order measures (fill slippage, signal to
/// order request) are recorded as they happen through swift-metrics into this registry
/// (`OrderPathMetrics`); the rest is read from the daemon at each scrape: NAV, orders by outcome,
/// vetoes by code, fills by symbol, state-file ages, the venue's rate-limit weight, stream
/// reconnects, dropped events, and `hedge_up`. Counters are advanced by what changed since the
/// previous scrape, so they only ever grow.
actor OperatorMetrics {
    let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory
    private let runtime: Runtime
    private let files: OperatorFiles
    /// What each counter (name and labels) stood at, at the previous scrape.
    private var reported: [String: Int] = [:]

    init(runtime: Runtime, files: OperatorFiles) {
        self.runtime = runtime
        self.files = files
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultValueHistogramBuckets = [-20, -10, -5, -2, -1, 0, 1, 2, 5, 10, 20, 50, 100]
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
        ]
        self.factory = factory
    }

    /// The exposition text after reading the daemon.
    func scrape() async -> String {
        registry.makeGauge(name: "hedge_up", labels: []).set(to: 1)
        let risk = await runtime.risk.snapshotPayload(symbol: nil)
        registry.makeGauge(name: "hedge_nav_usd", labels: []).set(to: risk.state.navUSD)
        let tallies = await runtime.router.orderTallies()
        advance("hedge_orders_total", ["outcome": "sent"], to: tallies.sent)
        for (outcome, count) in tallies.closed { advance("hedge_orders_total", ["outcome": outcome], to: count) }
        // Every known code and traded symbol is a series from the first scrape (at 0), so a rate
        // or an alert over them has a base.
        for code in Set(VetoCode.allCases.map(\.rawValue)).union(risk.vetoesByCode.keys) {
            advance("hedge_vetoes_total", ["code": code], to: risk.vetoesByCode[code] ?? 0)
        }
        for symbol in Set(runtime.config.universe.enabledSymbols).union(tallies.fillsBySymbol.keys) {
            advance("hedge_fills_total", ["symbol": symbol], to: tallies.fillsBySymbol[symbol] ?? 0)
        }
        let now = Date()
        for name in files.stateNames {
            guard let modified = files.stateModified(named: name) else { continue }
            registry.makeGauge(name: "hedge_state_file_age_seconds", labels: [("file", name)]).set(to: max(0, now.timeIntervalSince(modified)))
        }
        let health = await runtime.exchange.health()
        registry.makeGauge(name: "hedge_venue_weight_used", labels: []).set(to: Double(health.weightUsed1m))
        // An IP ban (Binance 418 / 429 escalation) is one of the venue's alerts.
        registry.makeGauge(name: "hedge_venue_ip_banned", labels: []).set(to: health.alerts.contains { $0.hasPrefix("ip_banned") } ? 1 : 0)
        registry.makeGauge(name: "hedge_kill_switch", labels: []).set(to: risk.state.killSwitch ? 1 : 0)
        registry.makeGauge(name: "hedge_ready", labels: []).set(to: await runtime.notReadyReasons().isEmpty ? 1 : 0)
        registry.makeGauge(name: "hedge_position_drift", labels: []).set(to: Double(await runtime.positionDrift().count))
        let restarts = runtime.restarts.snapshot
        for stream in Set(["market_stream", "user_stream"]).union(restarts.keys) {
            advance("hedge_stream_reconnects_total", ["stream": stream], to: restarts[stream] ?? 0)
        }
        for (stream, count) in health.reconnects { advance("hedge_stream_reconnects_total", ["stream": "venue_\(stream)"], to: count) }
        advance("hedge_events_dropped_total", ["stream": "market"], to: runtime.exchange.droppedMarketEvents)
        advance("hedge_events_dropped_total", ["stream": "telemetry"], to: await runtime.telemetryDropped())
        return registry.emitToString()
    }

    /// Moves counter `name{labels}` up to `total` (never down: a smaller total is a restart of
    /// its source and is taken as the new base).
    private func advance(_ name: String, _ labels: [String: String], to total: Int) {
        let sorted = labels.sorted { $0.key < $1.key }
        let key = name + sorted.map { "|\($0.key)=\($0.value)" }.joined()
        let counter = registry.makeCounter(name: name, labels: sorted.map { ($0.key, $0.value) })
        let previous = reported[key] ?? 0
        if total > previous { counter.increment(by: Int64(total - previous)) }
        reported[key] = total
    }
}
