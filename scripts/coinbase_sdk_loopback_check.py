#!/usr/bin/env python3
"""Drives the loopback Coinbase venue with Coinbase's own SDK (coinbase-advanced-py) over HTTPS:
list accounts, get products, best bid/ask, a market buy sized in USD, a post-only limit buy, get
that order, cancel it, and get it again.

Everything the run needs is made here, in a temporary directory: a CDP key file (a fresh EC P-256
key), a self-signed certificate for 127.0.0.1 (the SDK always speaks HTTPS; requests trusts it
through REQUESTS_CA_BUNDLE), and the venue itself (`hedge venue-server --venue coinbase`).

Run by hand (not in CI):
    pip install coinbase-advanced-py
    swift build --product hedge
    python3 scripts/coinbase_sdk_loopback_check.py [--hedge .build/debug/hedge]

Exits 0 when every step passed, 1 at the first failure (printed).
"""
import argparse
import decimal
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid


def run(command):
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def make_key_file(directory):
    """A CDP key file as Coinbase's portal downloads it: {"name": ..., "privateKey": PEM}."""
    pem_path = os.path.join(directory, "ec.pem")
    run(["openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", pem_path])
    with open(pem_path) as handle:
        pem = handle.read()
    path = os.path.join(directory, "cdp_api_key.json")
    with open(path, "w") as handle:
        json.dump({"name": f"organizations/sdk-check/apiKeys/{uuid.uuid4()}", "privateKey": pem}, handle)
    os.chmod(path, 0o600)
    return path


def make_certificate(directory):
    """A self-signed certificate for 127.0.0.1 (IP subject alternative name)."""
    cert, key = os.path.join(directory, "tls.crt"), os.path.join(directory, "tls.key")
    run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,digitalSignature,keyCertSign"])
    return cert, key


def start_venue(hedge, key_file, cert, key, log):
    server = subprocess.Popen([hedge, "venue-server", "--venue", "coinbase", "--key-file", key_file,
                               "--tls-cert", cert, "--tls-key", key, "--speed", "60"],
                              stdout=subprocess.PIPE, stderr=log, text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = server.stdout.readline()
        if not line:
            break
        # "hedge venue-server: coinbase https://127.0.0.1:PORT wss://127.0.0.1:PORT/ws"
        if "https://127.0.0.1:" in line:
            port = int(line.split("https://127.0.0.1:")[1].split()[0])
            return server, port
    server.kill()
    raise SystemExit("FAIL the venue did not print its https:// URL within 30 s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hedge", default=".build/debug/hedge")
    parser.add_argument("--product", default="BTC-USD")
    args = parser.parse_args()
    try:
        from coinbase.rest import RESTClient
    except ImportError:
        raise SystemExit("FAIL coinbase-advanced-py is not installed: pip install coinbase-advanced-py")

    with tempfile.TemporaryDirectory() as directory:
        key_file = make_key_file(directory)
        cert, key = make_certificate(directory)
        with open(os.path.join(directory, "venue.log"), "w") as log:
            server, port = start_venue(args.hedge, key_file, cert, key, log)
            try:
                os.environ["REQUESTS_CA_BUNDLE"] = cert
                client = RESTClient(key_file=key_file, base_url=f"127.0.0.1:{port}", timeout=10)
                passed = check(client, args.product)
            finally:
                server.terminate()
                server.wait(timeout=30)
    sys.exit(0 if passed else 1)


def check(client, product):
    def step(name, call, expect):
        try:
            result = call()
            problem = expect(result)
        except Exception as error:  # report and stop at the first failure
            print(f"FAIL {name}: {type(error).__name__}: {error}")
            return None
        if problem:
            print(f"FAIL {name}: {problem}")
            return None
        print(f"ok   {name}")
        return result

    accounts = step("list accounts", lambda: client.get_accounts(),
                    lambda r: None if any(a["currency"] == "USD" for a in r.to_dict()["accounts"]) else "no USD account")
    if accounts is None:
        return False
    products = step("get products", lambda: client.get_products(),
                    lambda r: None if any(p["product_id"] == product for p in r.to_dict()["products"]) else f"{product} not listed")
    if products is None:
        return False
    book = step("best bid/ask", lambda: client.get_best_bid_ask(product_ids=[product]),
                lambda r: None if r.to_dict()["pricebooks"][0]["bids"] else "empty book")
    if book is None:
        return False
    bid = decimal.Decimal(book.to_dict()["pricebooks"][0]["bids"][0]["price"])
    row = next(p for p in products.to_dict()["products"] if p["product_id"] == product)
    tick = decimal.Decimal(row["price_increment"])
    bought = step("market buy, quote size 100 USD",
                  lambda: client.market_order_buy(client_order_id=str(uuid.uuid4()), product_id=product, quote_size="100"),
                  lambda r: None if r.to_dict()["success"] else r.to_dict())
    if bought is None:
        return False
    # 10 % under the bid, on the product's price grid: it rests.
    price = str((bid * decimal.Decimal("0.9") / tick).to_integral_value(rounding=decimal.ROUND_FLOOR) * tick)
    resting = step(f"post-only limit buy at {price}",
                   lambda: client.limit_order_gtc_buy(client_order_id=str(uuid.uuid4()), product_id=product, base_size="0.001",
                                                      limit_price=price, post_only=True),
                   lambda r: None if r.to_dict()["success"] else r.to_dict())
    if resting is None:
        return False
    order_id = resting.to_dict()["success_response"]["order_id"]
    if step("get order", lambda: client.get_order(order_id),
            lambda r: None if r.to_dict()["order"]["status"] == "OPEN" else r.to_dict()["order"]["status"]) is None:
        return False
    if step("cancel", lambda: client.cancel_orders([order_id]),
            lambda r: None if r.to_dict()["results"][0]["success"] else r.to_dict()) is None:
        return False
    if step("get order after cancel", lambda: client.get_order(order_id),
            lambda r: None if r.to_dict()["order"]["status"] == "CANCELLED" else r.to_dict()["order"]["status"]) is None:
        return False
    print("coinbase-advanced-py: every step passed against the loopback venue")
    return True


if __name__ == "__main__":
    main()
