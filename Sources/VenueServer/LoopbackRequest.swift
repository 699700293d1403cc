import Foundation
import HedgeExchange

/// One REST request as the loopback venue reads it: method, path, the raw query and form body
/// (signatures are over the raw text), and their parameters merged, the query first (Binance:
/// a parameter sent in both is taken from the query string).
struct LoopbackRequest: Sendable {
    var method: String
    var path: String
    var rawQuery: String
    var rawBody: String
    var apiKey: String?
    var parameters: BinanceQuery

    init(method: String, path: String, rawQuery: String, rawBody: String, apiKey: String?) {
        self.method = method
        self.path = path
        self.rawQuery = rawQuery
        self.rawBody = rawBody
        self.apiKey = apiKey
        var merged = BinanceQuery.parse(Substring(rawQuery))
        // `+` is a space in a form body only.
        for item in BinanceQuery.parse(Substring(rawBody.replacingOccurrences(of: "+", with: "%20"))).items {
            merged.append(item.name, item.value)
        }
        parameters = merged
    }

    /// The signed payload (query then body, each without its `signature=` item) and the
    /// signature sent, if any.
    var signedPayload: (payload: String, signature: String?) {
        let query = Self.removingSignature(rawQuery)
        let body = Self.removingSignature(rawBody)
        return (query.rest + body.rest, query.signature ?? body.signature)
    }

    func value(_ name: String) -> String? {
        parameters.value(of: name).flatMap { $0.isEmpty ? nil : $0 }
    }

    private static func removingSignature(_ raw: String) -> (rest: String, signature: String?) {
        var signature: String?
        let kept = raw.split(separator: "&", omittingEmptySubsequences: true).filter { item in
            guard item.hasPrefix("signature=") else { return true }
            signature = String(item.dropFirst("signature=".count))
            return false
        }
        return (kept.joined(separator: "&"), signature)
    }
}
