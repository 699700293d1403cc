#!/usr/bin/env bash
# Fuzzes every reader of Binance's and Coinbase's answers (stream and REST decoders, error mapping, header and
# rate-limit readers: HedgeExchange's BinanceWireFuzzing and CoinbaseWireFuzzing) with libFuzzer for SECONDS (default 60),
# starting from the Binance and Coinbase fixtures and the hostile seeds in Tests/HedgeExchangeTests/Fixtures/fuzz.
#
#   scripts/fuzz.sh [SECONDS]
#
# Builds its own instrumented copy in .build-fuzz (the first build compiles every dependency:
# minutes). Inputs that grow coverage go to .build-fuzz/corpus; a crash is written to
# .build-fuzz/crashes/ and the script exits non-zero. Keep every crash: copy it into
# Tests/HedgeExchangeTests/Fixtures/fuzz/, where BinanceFuzzRegressionTests replays it on each test run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
if ! [[ $seconds =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
    echo "usage: $0 [SECONDS]  (a whole number of seconds ≥ 1)" >&2
    exit 64
fi
# -sanitize=fuzzer instruments and links libFuzzer; lld links the entry SwiftPM expects
# (HedgeFuzz_main), which the target provides (gold fails on it).
timeout 3600 swift build --scratch-path .build-fuzz --product HedgeFuzz \
    -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING -Xswiftc -use-ld=lld
mkdir -p .build-fuzz/corpus .build-fuzz/crashes
fixtures=Tests/HedgeExchangeTests/Fixtures
timeout $((seconds + 120)) .build-fuzz/debug/HedgeFuzz -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -artifact_prefix=.build-fuzz/crashes/ .build-fuzz/corpus "$fixtures/fuzz" "$fixtures/binance/rest" "$fixtures/binance/ws" "$fixtures/coinbase"
