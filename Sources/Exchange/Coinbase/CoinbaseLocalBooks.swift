import Foundation
import HedgeCore
import Synchronization

/// The order books the `level2` channel keeps (a snapshot per product at subscription, then every
/// changed level; quantity 0 removes one). `depth(symbol:limit:)` reads them instead of asking
/// over REST. Emptied on every new connection and after a sequence gap: a book that may have
/// missed an update is not served, and the next connection's snapshot rebuilds it.
final class CoinbaseLocalBooks: Sendable {
    private struct Book {
        var bids: [Decimal: Decimal] = [:]
        var asks: [Decimal: Decimal] = [:]
    }
    private let books = Mutex<[String: Book]>([:])

    func clear() { books.withLock { $0.removeAll() } }

    /// Applies one `l2_data` event: a snapshot replaces the product's book, an update changes levels.
    func apply(product: String, snapshot: Bool, updates: [(bid: Bool, price: Decimal, quantity: Decimal)]) {
        books.withLock { books in
            var book = snapshot ? Book() : books[product] ?? Book()
            for update in updates {
                if update.bid {
                    book.bids[update.price] = update.quantity > 0 ? update.quantity : nil
                } else {
                    book.asks[update.price] = update.quantity > 0 ? update.quantity : nil
                }
            }
            // An update before any snapshot builds nothing to trust.
            if snapshot || books[product] != nil { books[product] = book }
        }
    }

    /// The best `limit` levels each side, best first; nil when the product has no book here.
    func depth(_ product: String, limit: Int) -> OrderBookDepth? {
        books.withLock { books in
            guard let book = books[product], !book.bids.isEmpty, !book.asks.isEmpty else { return nil }
            let bids = book.bids.sorted { $0.key > $1.key }.prefix(limit).map { PriceLevel(price: $0.key, quantity: $0.value) }
            let asks = book.asks.sorted { $0.key < $1.key }.prefix(limit).map { PriceLevel(price: $0.key, quantity: $0.value) }
            return OrderBookDepth(bids: Array(bids), asks: Array(asks))
        }
    }
}
