import HedgeCore

/// A venue that lists its products with their 24 h volume in one read (Coinbase): what universe
/// discovery ranks.
public protocol ProductListing: ExchangeClient {
    func listedProducts() async throws(ExchangeError) -> [ListedProduct]
}

extension CoinbaseAdvancedClient: ProductListing {
    public func listedProducts() async throws(ExchangeError) -> [ListedProduct] {
        try await products().map {
            ListedProduct(symbol: $0.id, baseCurrency: $0.baseCurrency, quoteCurrency: $0.quoteCurrency, tradable: $0.tradable,
                          quoteVolume24hUSD: $0.quoteVolume24h)
        }
    }
}
