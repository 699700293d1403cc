import Foundation
import HedgeCore

/// Decodes venue bodies (Binance, Coinbase) into wire types; a body that does not decode is an error on that request
/// (`ExchangeError.malformedResponse` naming the endpoint and the field), never a crash.
enum WireDecoding {
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, context: String) throws(ExchangeError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw .malformedResponse("\(context): \(error.problemDescription)")
        } catch {
            throw .malformedResponse("\(context): \(error)")
        }
    }

    /// A decimal string field, or `malformedResponse` naming it.
    static func decimal(_ string: String, field: String, context: String) throws(ExchangeError) -> Decimal {
        guard let value = Decimal(venueString: string) else {
            throw .malformedResponse("\(context): \(field) is not a decimal: \(string.prefix(40))")
        }
        return value
    }

    /// A decimal string field as a `Double` (analytics: balances, PnL, rates).
    static func double(_ string: String, field: String, context: String) throws(ExchangeError) -> Double {
        guard let value = Double(string), value.isFinite else {
            throw .malformedResponse("\(context): \(field) is not a number: \(string.prefix(40))")
        }
        return value
    }
}
