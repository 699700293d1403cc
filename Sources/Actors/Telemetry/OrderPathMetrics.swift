import CoreMetrics

/// What the router measures per order through swift-metrics: the slippage of each fill against
/// the mid it decided on (`hedge_slippage_bps`, a histogram) and the time from the strategy's
/// signal to the order request leaving for the venue (`hedge_order_latency_seconds`). The
/// factory decides where they go (Prometheus under `hedge run`, nowhere by default).
public struct OrderPathMetrics: Sendable {
    let slippage: Recorder
    let latency: CoreMetrics.Timer

    public init(factory: any MetricsFactory) {
        slippage = Recorder(label: "hedge_slippage_bps", dimensions: [], aggregate: true, factory: factory)
        latency = CoreMetrics.Timer(label: "hedge_order_latency_seconds", dimensions: [], factory: factory)
    }

    /// Measures nothing.
    public static let none = OrderPathMetrics(factory: NOOPMetricsHandler.instance)
}
