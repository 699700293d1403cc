#!/usr/bin/env python3
# Seeded synthetic 1-minute bars in the repository's CSV format for the end-to-end backtest
# benchmark (docs/benchmarks.md). Usage: make_synthetic_bars.py ROWS OUT.csv
import random, sys
n, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(42)
t = 1_700_000_000_000
p = 30000.0
with open(path, "w") as f:
    f.write("open_time_ms,open,high,low,close,volume\n")
    out = []
    for i in range(n):
        o = p
        c = round(o * (1 + (rng.random() - 0.5) * 0.004 + (0.0002 if (i // 500) % 2 == 0 else -0.0002)), 1)
        h = round(max(o, c) * (1 + rng.random() * 0.001), 1)
        l = round(min(o, c) * (1 - rng.random() * 0.001), 1)
        v = round(100 + rng.random() * 900, 3)
        out.append(f"{t},{o},{h},{l},{c},{v}\n")
        p = c; t += 60_000
        if len(out) == 100_000:
            f.write("".join(out)); out = []
    f.write("".join(out))
