/// The operator dashboard (`GET /`): one self-contained page (no external asset, works offline)
/// that polls the API every 5 s and renders NAV and its curve, positions, open orders, recent
/// vetoes, router health, expectancy and symbol scores, the shadow compare summary, the flags,
/// each state file's freshness (red past twice its interval), and a banner when the daemon is
/// halted, killed or not ready. Each panel marks itself `data-ready="1"` once it shows real data.
enum DashboardPage {
    static let html = #"""
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hedge</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1b1f24}
header{padding:10px 16px;background:#1b1f24;color:#fff;display:flex;gap:16px;align-items:baseline}
header h1{font-size:18px;margin:0}#updated{opacity:.7;font-size:12px}
#banner{display:none;padding:10px 16px;font-weight:600}#banner.on{display:block;background:#b3261e;color:#fff}
main{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:12px;padding:12px}
section{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:10px 12px;overflow:auto;max-height:420px}
h2{font-size:14px;margin:0 0 8px}table{border-collapse:collapse;width:100%;font-size:12px}
td,th{border-bottom:1px solid #eef0f3;padding:3px 6px;text-align:left;white-space:nowrap}
.big{font-size:24px;font-weight:600}.stale{background:#fde7e6;color:#b3261e;font-weight:600}.fresh{color:#1a7f37}
svg{width:100%;height:120px}
</style></head>
<body>
<header><h1>Hedge</h1><span id="mode"></span><span id="updated"></span></header>
<div id="banner"></div>
<main>
<section id="nav-panel"><h2>NAV</h2><div id="nav" class="big">…</div><svg id="nav-curve" viewBox="0 0 400 120" preserveAspectRatio="none"></svg></section>
<section id="positions-panel"><h2>Positions</h2><table id="positions"></table></section>
<section id="orders-panel"><h2>Open orders</h2><table id="orders"></table></section>
<section id="vetoes-panel"><h2>Recent vetoes</h2><table id="vetoes"></table></section>
<section id="router-panel"><h2>Router health</h2><table id="router"></table></section>
<section id="intel-panel"><h2>Expectancy and symbol scores</h2><div id="expectancy"></div><table id="scores"></table></section>
<section id="shadow-panel"><h2>Shadow compare</h2><table id="shadow"></table></section>
<section id="flags-panel"><h2>Flags</h2><table id="flags"></table></section>
<section id="freshness-panel"><h2>State files</h2><table id="freshness"></table></section>
</main>
<script>
"use strict";
const get = async (path) => { const r = await fetch(path, {cache: "no-store"}); return {status: r.status, body: await r.json()}; };
const esc = (v) => String(v).replace(/[&<>"]/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]));
const fmt = (v) => typeof v === "number" ? (Math.abs(v) >= 100 ? v.toFixed(2) : String(+v.toFixed(6))) : (v === null || v === undefined ? "–" : typeof v === "object" ? JSON.stringify(v) : String(v));
function table(id, head, rows) {
  const el = document.getElementById(id);
  el.innerHTML = "<tr>" + head.map((h) => "<th>" + esc(h) + "</th>").join("") + "</tr>" +
    rows.map((r) => "<tr" + (r.cls ? ' class="' + r.cls + '"' : "") + ">" + r.cells.map((c) => "<td>" + esc(fmt(c)) + "</td>").join("") + "</tr>").join("");
  el.closest("section").dataset.ready = "1";
}
async function state(name) { try { const r = await get("/api/state/" + name); return r.status === 200 ? r.body : null; } catch (e) { return null; } }
async function refresh() {
  const [ready, nav, positions, risk, router, expectancy, scores, shadow, synced, freshness, orders, vetoes] = await Promise.all([
    get("/readyz").catch(() => null), state("nav"), state("positions"), state("risk_snapshot"), state("router_health"),
    state("expectancy_v6"), state("symbol_scores_v6"), state("pipeline_v6_compare_summary"), state("synced_state"),
    get("/api/freshness").catch(() => null), get("/api/orders?limit=500").catch(() => null), get("/api/vetoes").catch(() => null)]);
  const problems = [];
  // The banner reads /readyz (live), never a state file that may be stale.
  if (!ready) problems.push("NO ANSWER FROM THE DAEMON");
  else {
    if (ready.status !== 200) problems.push("NOT READY: " + ready.body.reasons.join("; "));
    if (ready.body.kill_switch) problems.push("KILL SWITCH ON");
    const halts = (ready.body.halts || []).filter((h) => h !== "kill_switch");
    if (halts.length) problems.push("HALTED: " + halts.join(", "));
  }
  const banner = document.getElementById("banner");
  banner.textContent = problems.join(" — "); banner.className = problems.length ? "on" : "";
  if (nav && nav.nav) {
    document.getElementById("nav").textContent = fmt(nav.nav.nav_usd) + " USD" + (nav.is_fresh ? "" : " (stale)");
    const points = (nav.history || []).map((p) => p.nav_usd);
    if (points.length) {
      const lo = Math.min(...points), hi = Math.max(...points), span = hi - lo || 1;
      const d = points.map((v, i) => (i ? "L" : "M") + (points.length > 1 ? i * 400 / (points.length - 1) : 0).toFixed(1) + "," + (110 - (v - lo) / span * 100).toFixed(1)).join(" ");
      document.getElementById("nav-curve").innerHTML = '<path d="' + d + '" fill="none" stroke="#0969da" stroke-width="2"/>';
    }
    document.getElementById("nav-panel").dataset.ready = "1";
  }
  if (positions) table("positions", ["symbol", "side", "qty", "entry", "mark", "uPnL USD"],
    (positions.positions || []).map((p) => ({cells: [p.symbol, p.side, p.quantity, p.entry_price, p.mark_price, p.unrealized_pnl_usd]})));
  if (orders && orders.status === 200) {
    const open = new Map();
    for (const o of orders.body) { if (o.event === "ACK") open.set(o.client_order_id, o); if (o.event === "CLOSE") open.delete(o.client_order_id); }
    table("orders", ["id", "symbol", "side", "type", "qty", "price", "reason"],
      [...open.values()].map((o) => ({cells: [o.client_order_id, o.symbol, o.side, o.type, o.quantity, o.price, o.reason]})));
  }
  if (vetoes && vetoes.status === 200) table("vetoes", ["time", "symbol", "side", "strategy", "vetoes"],
    vetoes.body.slice(-50).reverse().map((v) => ({cells: [v.time, v.symbol, v.side, v.strategy, (v.vetoes || []).join(", ")]})));
  if (router) table("router", ["symbol", "policy", "source", "orders", "maker fill ratio", "slippage bps"],
    Object.keys(Object.assign({}, router.policies, router.symbols)).sort().map((s) => {
      const p = (router.policies || {})[s] || {}, h = (router.symbols || {})[s] || {};
      const policy = p.policy || p;
      return {cells: [s, policy.maker_first === undefined ? "–" : (policy.maker_first ? "maker first" : "taker") + " " + fmt(policy.offset_bps) + " bps", p.source, h.order_count, h.maker_fill_ratio, h.mean_slippage_bps]};
    }));
  if (expectancy) {
    document.getElementById("expectancy").textContent = "trades " + expectancy.sample_count + ", buckets " + (expectancy.buckets || []).length +
      ", gate blocks " + ((expectancy.gate_blocked || []).map((k) => k.symbol + "@" + k.hour_utc + "h/" + k.regime).join(", ") || "nothing");
  }
  if (scores) table("scores", ["symbol", "score"], Object.keys(scores.scores || {}).sort().map((s) => ({cells: [s, scores.scores[s].score]})));
  if (shadow) table("shadow", ["", ""], ["decision_count", "executed_count", "matched", "mismatch_count", "mismatch_rate", "is_warmup"]
    .map((k) => ({cells: [k, shadow[k]]})));
  if (synced && synced.v6_flags) table("flags", ["flag", "on"], Object.keys(synced.v6_flags).sort().map((f) => ({cells: [f, synced.v6_flags[f]]})));
  if (freshness && freshness.status === 200) table("freshness", ["file", "age s", "interval s"],
    freshness.body.map((f) => ({cls: f.stale ? "stale" : "fresh", cells: [f.file, f.age_s === undefined ? "missing" : f.age_s, f.interval_s]})));
  document.getElementById("updated").textContent = "updated " + new Date().toISOString();
  document.body.dataset.refreshed = "1";
}
refresh(); setInterval(refresh, 5000);
</script>
</body></html>
"""#
}
