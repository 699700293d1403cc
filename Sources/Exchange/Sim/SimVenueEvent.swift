import Foundation
import HedgeCore

/// One input that changed the simulated venue, in the order the venue took it: a bar, an order
/// placed, an order canceled. The sim is deterministic in its inputs (no randomness, no clock
/// reads), so replaying the same events over the same data rebuilds the same venue — wallet,
/// legs, working orders, fills, the replay position — which is how a paper daemon's sim venue
/// survives a restart (`SimReplay.restore(_:)`).
public enum SimVenueEvent: Sendable, Hashable, Codable {
    case bar(symbol: String, openTimeMs: Int64)
    case place(VenueOrderRequest)
    case cancel(symbol: String, clientOrderId: String)

    private enum CodingKeys: String, CodingKey {
        case bar, place, cancel, symbol
        case openTimeMs = "open_time_ms"
        case clientOrderId = "client_order_id"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .bar(let symbol, let openTimeMs):
            try c.encode(symbol, forKey: .bar)
            try c.encode(openTimeMs, forKey: .openTimeMs)
        case .place(let request):
            try c.encode(request, forKey: .place)
        case .cancel(let symbol, let clientOrderId):
            try c.encode(symbol, forKey: .cancel)
            try c.encode(clientOrderId, forKey: .clientOrderId)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let symbol = try c.decodeIfPresent(String.self, forKey: .bar) {
            self = .bar(symbol: symbol, openTimeMs: try c.decode(Int64.self, forKey: .openTimeMs))
        } else if let request = try c.decodeIfPresent(VenueOrderRequest.self, forKey: .place) {
            self = .place(request)
        } else if let symbol = try c.decodeIfPresent(String.self, forKey: .cancel) {
            self = .cancel(symbol: symbol, clientOrderId: try c.decode(String.self, forKey: .clientOrderId))
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "expected bar, place or cancel"))
        }
    }
}

extension VenueOrderRequest: Codable {
    private enum CodingKeys: String, CodingKey {
        case symbol, side, type, quantity, price
        case clientOrderId = "client_order_id"
        case positionSide = "position_side"
        case stopPrice = "stop_price"
        case timeInForce = "time_in_force"
        case reduceOnly = "reduce_only"
    }

    /// Prices and quantities as the venue's exact strings.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(clientOrderId, forKey: .clientOrderId)
        try c.encode(symbol, forKey: .symbol)
        try c.encode(side, forKey: .side)
        try c.encodeIfPresent(positionSide, forKey: .positionSide)
        try c.encode(type.rawValue, forKey: .type)
        try c.encode(quantity.venueString, forKey: .quantity)
        try c.encodeIfPresent(price?.venueString, forKey: .price)
        try c.encodeIfPresent(stopPrice?.venueString, forKey: .stopPrice)
        try c.encodeIfPresent(timeInForce?.rawValue, forKey: .timeInForce)
        try c.encode(reduceOnly, forKey: .reduceOnly)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func decimal(_ key: CodingKeys) throws -> Decimal? {
            guard let text = try c.decodeIfPresent(String.self, forKey: key) else { return nil }
            guard let value = Decimal(venueString: text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "not a decimal: \(text.prefix(40))")
            }
            return value
        }
        let typeText = try c.decode(String.self, forKey: .type)
        guard let type = VenueOrderType(rawValue: typeText) else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown order type \(typeText.prefix(40))")
        }
        let tifText = try c.decodeIfPresent(String.self, forKey: .timeInForce)
        let timeInForce = try tifText.map { text in
            guard let value = TimeInForce(rawValue: text) else {
                throw DecodingError.dataCorruptedError(forKey: .timeInForce, in: c, debugDescription: "unknown time in force \(text.prefix(40))")
            }
            return value
        }
        guard let quantity = try decimal(.quantity) else {
            throw DecodingError.keyNotFound(CodingKeys.quantity, .init(codingPath: c.codingPath, debugDescription: "missing"))
        }
        self.init(clientOrderId: try c.decode(String.self, forKey: .clientOrderId), symbol: try c.decode(String.self, forKey: .symbol),
                  side: try c.decode(Side.self, forKey: .side), positionSide: try c.decodeIfPresent(PositionSide.self, forKey: .positionSide),
                  type: type, quantity: quantity, price: try decimal(.price), stopPrice: try decimal(.stopPrice), timeInForce: timeInForce,
                  reduceOnly: try c.decode(Bool.self, forKey: .reduceOnly))
    }
}
