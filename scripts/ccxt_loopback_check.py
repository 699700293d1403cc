#!/usr/bin/env python3
"""Points ccxt's binanceusdm at a running loopback venue and exercises the calls a third-party
Binance futures client makes: markets, ticker, balance, positions, create/fetch/cancel order.

Run by hand (not in CI):
    BINANCE_API_KEY=K BINANCE_API_SECRET=S hedge venue-server   # prints http://127.0.0.1:PORT
    python3 scripts/ccxt_loopback_check.py --port PORT --api-key K --api-secret S

Exits 0 when every step passed, 1 at the first failure (printed).
"""
import argparse
import sys

import ccxt


def exchange_for(port, key, secret):
    base = f"http://127.0.0.1:{port}"
    exchange = ccxt.binanceusdm({
        "apiKey": key,
        "secret": secret,
        "enableRateLimit": False,
        "options": {
            "defaultType": "future",
            "fetchCurrencies": False,
            "fetchMarkets": {"types": ["linear"]},
            "adjustForTimeDifference": True,
            "warnOnFetchOpenOrdersWithoutSymbol": False,
        },
    })
    # Every futures API family ccxt knows, pointed at the loopback server.
    for name in list(exchange.urls["api"].keys()):
        url = exchange.urls["api"][name]
        if not isinstance(url, str):
            continue
        for prefix in ("/fapi/v1", "/fapi/v2", "/fapi/v3"):
            if url.endswith(prefix):
                exchange.urls["api"][name] = base + prefix
    exchange.has["fetchCurrencies"] = False
    return exchange


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--api-key", required=True)
    parser.add_argument("--api-secret", required=True)
    parser.add_argument("--symbol", default="BTC/USDT:USDT")
    parser.add_argument("--position-side", default="LONG", help="LONG/SHORT in hedge mode, BOTH in one-way mode")
    args = parser.parse_args()

    exchange = exchange_for(args.port, args.api_key, args.api_secret)
    steps = []

    def step(name, call):
        try:
            result = call()
        except Exception as error:  # report and stop at the first failure
            print(f"FAIL {name}: {type(error).__name__}: {error}")
            sys.exit(1)
        steps.append(name)
        return result

    exchange.load_time_difference()
    markets = step("load_markets", exchange.load_markets)
    print(f"ok   load_markets: {len(markets)} markets, {args.symbol} precision {markets[args.symbol]['precision']}")
    ticker = step("fetch_ticker", lambda: exchange.fetch_ticker(args.symbol))
    print(f"ok   fetch_ticker: last {ticker['last']} bid {ticker['bid']} ask {ticker['ask']}")
    balance = step("fetch_balance", exchange.fetch_balance)
    print(f"ok   fetch_balance: USDT total {balance['total'].get('USDT')} free {balance['free'].get('USDT')}")
    positions = step("fetch_positions", lambda: exchange.fetch_positions([args.symbol]))
    print(f"ok   fetch_positions: {len(positions)} rows")
    last = ticker["last"] or ticker["close"]
    price = float(exchange.price_to_precision(args.symbol, last * 0.8))
    amount = float(exchange.amount_to_precision(args.symbol, max(markets[args.symbol]["limits"]["amount"]["min"] or 0.001,
                                                                  200 / price)))
    params = {} if args.position_side == "BOTH" else {"positionSide": args.position_side}
    order = step("create_order", lambda: exchange.create_order(args.symbol, "limit", "buy", amount, price, params))
    print(f"ok   create_order: id {order['id']} clientOrderId {order['clientOrderId']} status {order['status']} {amount} @ {price}")
    fetched = step("fetch_order", lambda: exchange.fetch_order(order["id"], args.symbol))
    print(f"ok   fetch_order: status {fetched['status']} filled {fetched['filled']}")
    canceled = step("cancel_order", lambda: exchange.cancel_order(order["id"], args.symbol))
    print(f"ok   cancel_order: status {canceled['status']}")
    print(f"{len(steps)} passed, 0 failed")


if __name__ == "__main__":
    main()
