/// Renders `report.html`: one self-contained page (no scripts, no network) with the equity and
/// drawdown curves as inline SVG, the metrics, vetoes by code and the latest trades.
public enum BacktestHTML {
    public static func render(report: BacktestReport, chart: EquityChart, trades: [ClosedTrade], totalTrades: Int) -> String {
        let points = chart.allPoints
        var html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Hedge backtest</title>
        <style>
        body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d2330;background:#fafbfc}
        h1{font-size:20px}h2{font-size:16px;margin-top:28px}
        table{border-collapse:collapse}td,th{padding:3px 10px;border-bottom:1px solid #e3e6ea;text-align:right}
        th{background:#eef1f4}td:first-child,th:first-child{text-align:left}
        .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:8px;max-width:1100px}
        .m{background:#fff;border:1px solid #e3e6ea;border-radius:6px;padding:8px 10px}.m b{display:block;font-size:18px}
        svg{background:#fff;border:1px solid #e3e6ea;border-radius:6px}.note{color:#667}
        </style></head><body>
        <h1>Hedge backtest: \(escape(report.strategies.joined(separator: ", ")))</h1>
        <p class="note">\(escape(report.start ?? "–")) → \(escape(report.end ?? "–")) · \(report.bars) bars · \(report.positionMode.rawValue) mode\(report.research == nil ? "" : " · <b>research overrides in use</b>")</p>
        <div class="grid">
        """
        let metrics: [(String, String)] = [
            ("Initial equity", money(report.initialEquity)), ("Final equity", money(report.finalEquity)),
            ("Total return", pct(report.totalReturnPct)), ("CAGR", pct(report.cagrPct)),
            ("Sharpe", fixed(report.sharpe)), ("Sortino", fixed(report.sortino)),
            ("Max drawdown", pct(report.maxDrawdownPct)), ("Max DD duration", duration(report.maxDrawdownDurationSeconds)),
            ("Trades", String(report.trades)), ("Win rate", pct(report.winRate * 100)),
            ("Profit factor", report.profitFactor.map { fixed($0) } ?? "–"), ("Avg R", fixed(report.avgR)),
            ("Fees", money(report.feesUSD)), ("Funding", money(report.fundingUSD)),
            ("Exposure", pct(report.exposurePct)), ("Signals", String(report.signals)),
        ]
        for (name, value) in metrics { html += "<div class=\"m\">\(name)<b>\(value)</b></div>" }
        html += "</div>\n<h2>Equity</h2>\n"
        html += svgLine(points.map { (Double($0.timeMs), $0.equityUSD) }, color: "#2563eb", fill: false)
        html += "\n<h2>Drawdown (%)</h2>\n"
        html += svgLine(points.map { (Double($0.timeMs), -$0.drawdownPct) }, color: "#dc2626", fill: true)

        html += "\n<h2>Per symbol</h2>\n<table><tr><th>Symbol</th><th>Trades</th><th>Win rate</th><th>PnL</th><th>Fees</th><th>Net</th></tr>"
        for (symbol, s) in report.perSymbol.sorted(by: { $0.key < $1.key }) {
            html += "<tr><td>\(escape(symbol))</td><td>\(s.trades)</td><td>\(pct(s.winRate * 100))</td><td>\(money(s.pnlUSD))</td><td>\(money(s.feesUSD))</td><td>\(money(s.netPnlUSD))</td></tr>"
        }
        html += "</table>\n<h2>Vetoes by code</h2>\n"
        if report.vetoesByCode.isEmpty {
            html += "<p class=\"note\">No intent was vetoed.</p>"
        } else {
            html += "<table><tr><th>Code</th><th>Count</th></tr>"
            for (code, count) in report.vetoesByCode.sorted(by: { $0.key < $1.key }) {
                html += "<tr><td>\(escape(code))</td><td>\(count)</td></tr>"
            }
            html += "</table>"
        }
        html += "\n<h2>Trades</h2>\n"
        if totalTrades > trades.count {
            html += "<p class=\"note\">The latest \(trades.count) of \(totalTrades) trades; all are in trades.jsonl.</p>"
        }
        html += "<table><tr><th>Symbol</th><th>Side</th><th>Entry</th><th>Exit</th><th>Entry px</th><th>Exit px</th><th>Qty</th><th>PnL</th><th>Fees</th><th>R</th><th>Strategy</th><th>Exit reason</th></tr>"
        for t in trades {
            html += "<tr><td>\(escape(t.symbol))</td><td>\(t.side.rawValue)</td><td>\(UTCTime.iso8601(ms: t.entryTimeMs))</td><td>\(UTCTime.iso8601(ms: t.exitTimeMs))</td><td>\(fixed(t.entryPrice, 4))</td><td>\(fixed(t.exitPrice, 4))</td><td>\(fixed(t.quantity, 6))</td><td>\(money(t.pnlUSD))</td><td>\(money(t.feesUSD))</td><td>\(fixed(t.rMultiple))</td><td>\(escape(t.strategy))</td><td>\(escape(t.exitReason))</td></tr>"
        }
        html += "</table>\n</body></html>\n"
        return html
    }

    /// A polyline over `points` scaled into a 1000×240 box (no axes library, no script).
    static func svgLine(_ points: [(x: Double, y: Double)], color: String, fill: Bool) -> String {
        let width = 1000.0, height = 240.0, pad = 8.0
        guard let first = points.first else {
            return "<svg width=\"1000\" height=\"60\"><text x=\"12\" y=\"34\">no data</text></svg>"
        }
        var minX = first.x, maxX = first.x, minY = first.y, maxY = first.y
        for p in points { minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y) }
        if fill { maxY = max(maxY, 0) }
        let spanX = maxX > minX ? maxX - minX : 1, spanY = maxY > minY ? maxY - minY : 1
        func sx(_ x: Double) -> String { fixed(pad + (x - minX) / spanX * (width - 2 * pad), 1) }
        func sy(_ y: Double) -> String { fixed(pad + (maxY - y) / spanY * (height - 2 * pad), 1) }
        var path = points.map { "\(sx($0.x)),\(sy($0.y))" }.joined(separator: " ")
        if fill, let last = points.last { path = "\(sx(first.x)),\(sy(0)) " + path + " \(sx(last.x)),\(sy(0))" }
        let shape = fill
            ? "<polygon points=\"\(path)\" fill=\"\(color)\" fill-opacity=\"0.25\" stroke=\"\(color)\"/>"
            : "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\"/>"
        return "<svg viewBox=\"0 0 1000 240\" width=\"1000\" height=\"240\" role=\"img\">\(shape)"
            + "<text x=\"12\" y=\"20\" font-size=\"12\">max \(fixed(maxY))</text><text x=\"12\" y=\"232\" font-size=\"12\">min \(fixed(minY))</text></svg>"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    static func fixed(_ value: Double, _ decimals: Int = 2) -> String { fixedPoint(value, decimals) }

    static func money(_ value: Double) -> String { "$" + fixed(value) }
    static func pct(_ value: Double) -> String { fixed(value) + " %" }
    static func duration(_ seconds: Double) -> String {
        seconds >= 86_400 ? fixed(seconds / 86_400, 1) + " d" : fixed(seconds / 3_600, 1) + " h"
    }
}
