#!/usr/bin/env bash
# Runs `hedge soak` N times in a row and prints the tally: how many passed, and for each run its
# orders, kills and findings. Every run's JSON report and stderr are kept in OUT.
#
#   scripts/soak-tally.sh N [hedge soak options…]
#   scripts/soak-tally.sh 20 --duration 60 --faults ops/faults/soak.json
#   scripts/soak-tally.sh 3 --duration 180 --faults ops/faults/soak.json --kill 6
#
# HEDGE (default .build-release/release/hedge) names the binary; OUT (default a fresh directory
# under /tmp) where the reports go. Each run is bounded by `timeout` (duration + 300 s).
set -euo pipefail

if [[ $# -lt 1 || ! $1 =~ ^[0-9]+$ || $1 -lt 1 ]]; then
    echo "usage: $0 N [hedge soak options…]  (N ≥ 1 runs)" >&2
    exit 64
fi
runs=$1
shift
hedge=${HEDGE:-.build-release/release/hedge}
if [[ ! -x $hedge ]]; then
    echo "$0: $hedge is not an executable; build it: swift build -c release --scratch-path .build-release --product hedge" >&2
    exit 66
fi
out=${OUT:-$(mktemp -d /tmp/hedge-soak-tally.XXXXXX)}
mkdir -p "$out"

duration=60
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    if [[ ${args[i]} == --duration ]]; then duration=${args[i + 1]%.*}; fi
done

passed=0
for ((run = 1; run <= runs; run++)); do
    report="$out/run-$run.json"
    status=0
    timeout $((duration + 300)) "$hedge" soak "$@" --state-dir "$out/run-$run/state" >"$report" 2>"$out/run-$run.stderr" || status=$?
    line=$(python3 - "$report" "$status" <<'PY'
import json, sys
path, status = sys.argv[1], sys.argv[2]
try:
    r = json.load(open(path))
except Exception:
    print(f"FAILED  exit {status}, no report (see the .stderr beside it)")
    sys.exit(0)
findings = {k: len(r.get(k, [])) for k in ("duplicates", "orphans", "position_drift", "client_id_reuse", "unrecorded_orders", "crashes")}
bad = ", ".join(f"{k}={v}" for k, v in findings.items() if v)
verdict = "passed" if r.get("passed") and status == "0" else "FAILED"
extra = f" restarts={r['restarts']}" if "restarts" in r else ""
reason = f"  ({r['reason']})" if r.get("reason") else ""
print(f"{verdict}  exit {status}, orders={r.get('orders')} filled={r.get('filled_orders')}{extra}{'  ' + bad if bad else ''}{reason}")
PY
)
    [[ $line == passed* ]] && passed=$((passed + 1))
    printf 'run %2d/%d: %s\n' "$run" "$runs" "$line"
done
echo "tally: $passed of $runs passed (reports in $out)"
[[ $passed -eq $runs ]]
