import Foundation

/// Coinbase Advanced Trade (`/api/v3/brokerage`) bodies as they arrive, numbers as the decimal
/// strings Coinbase sends. Only the fields Hedge reads are declared; everything else is ignored,
/// so a new field never breaks a read. Conversions to venue types are in `CoinbaseWire+Venue`.
enum CoinbaseWire {
    /// `GET /time`.
    struct ServerTime: Decodable, Sendable {
        let epochMillis: String?
        let epochSeconds: String?
    }

    /// `GET /products`, `GET /products/{id}`, `GET /market/products…`.
    struct Product: Decodable, Sendable {
        let product_id: String
        let price: String?
        let volume_24h: String?
        let approximate_quote_24h_volume: String?
        let base_increment: String
        let quote_increment: String
        let price_increment: String?
        let base_min_size: String
        let base_max_size: String
        let quote_min_size: String
        let quote_max_size: String?
        let status: String?
        let is_disabled: Bool?
        let trading_disabled: Bool?
        let cancel_only: Bool?
        let limit_only: Bool?
        let post_only: Bool?
        let view_only: Bool?
        let product_type: String?
        let base_currency_id: String?
        let quote_currency_id: String?
    }

    struct Products: Decodable, Sendable {
        let products: [Product]
    }

    struct Amount: Decodable, Sendable {
        let value: String
        let currency: String
    }

    /// `GET /accounts`: one wallet per currency.
    struct Account: Decodable, Sendable {
        let uuid: String?
        let currency: String
        let available_balance: Amount
        let hold: Amount?
        let active: Bool?
    }

    struct Accounts: Decodable, Sendable {
        let accounts: [Account]
        let has_next: Bool?
        let cursor: String?
    }

    struct Level: Decodable, Sendable {
        let price: String
        let size: String
    }

    /// One side-by-side book (`pricebook`).
    struct PriceBook: Decodable, Sendable {
        let product_id: String
        let bids: [Level]
        let asks: [Level]
        let time: String?
    }

    /// `GET /best_bid_ask`.
    struct BestBidAsk: Decodable, Sendable {
        let pricebooks: [PriceBook]
    }

    /// `GET /product_book`.
    struct ProductBook: Decodable, Sendable {
        let pricebook: PriceBook
    }

    struct Candle: Decodable, Sendable {
        let start: String
        let low: String
        let high: String
        let open: String
        let close: String
        let volume: String
    }

    /// `GET /products/{id}/candles`: newest first.
    struct Candles: Decodable, Sendable {
        let candles: [Candle]
    }

    /// An order's `order_configuration`: exactly one member is set.
    struct OrderConfiguration: Codable, Sendable, Hashable {
        struct MarketIOC: Codable, Sendable, Hashable {
            var quote_size: String?
            var base_size: String?
        }
        struct LimitGTC: Codable, Sendable, Hashable {
            var base_size: String
            var limit_price: String
            var post_only: Bool
        }
        struct LimitIOC: Codable, Sendable, Hashable {
            var base_size: String
            var limit_price: String
        }
        struct StopLimitGTC: Codable, Sendable, Hashable {
            var base_size: String
            var limit_price: String
            var stop_price: String
            var stop_direction: String
        }
        var market_market_ioc: MarketIOC?
        var limit_limit_gtc: LimitGTC?
        var sor_limit_ioc: LimitIOC?
        var stop_limit_stop_limit_gtc: StopLimitGTC?
    }

    /// `POST /orders` body.
    struct CreateOrder: Codable, Sendable, Hashable {
        var client_order_id: String
        var product_id: String
        var side: String
        var order_configuration: OrderConfiguration
    }

    /// `POST /orders/preview` body (no client order id).
    struct PreviewOrder: Codable, Sendable, Hashable {
        var product_id: String
        var side: String
        var order_configuration: OrderConfiguration
    }

    struct ErrorResponse: Decodable, Sendable {
        let error: String?
        let message: String?
        let error_details: String?
        let preview_failure_reason: String?
        let new_order_failure_reason: String?
    }

    struct SuccessResponse: Decodable, Sendable {
        let order_id: String
        let product_id: String?
        let side: String?
        let client_order_id: String?
    }

    /// `POST /orders` answer: `success` with `success_response`, or a `failure_reason` with
    /// `error_response` (and, for a duplicate client order id, the existing order's id).
    struct CreateOrderResponse: Decodable, Sendable {
        let success: Bool
        let failure_reason: String?
        let order_id: String?
        let success_response: SuccessResponse?
        let error_response: ErrorResponse?
    }

    /// `POST /orders/preview` answer.
    struct PreviewResponse: Decodable, Sendable {
        let order_total: String?
        let commission_total: String?
        let errs: [String]?
        let warning: [String]?
        let quote_size: String?
        let base_size: String?
        let best_bid: String?
        let best_ask: String?
        let preview_id: String?
    }

    /// An order as `GET /orders/historical/{id}` and the list return it.
    struct Order: Decodable, Sendable {
        let order_id: String
        let product_id: String
        let side: String
        let client_order_id: String
        let status: String
        let order_configuration: OrderConfiguration?
        let time_in_force: String?
        let created_time: String?
        let last_fill_time: String?
        let filled_size: String?
        let average_filled_price: String?
        let total_fees: String?
        let order_type: String?
        let reject_reason: String?
        let reject_message: String?
        let cancel_message: String?
    }

    struct GetOrder: Decodable, Sendable {
        let order: Order?
    }

    /// `GET /orders/historical/batch`.
    struct Orders: Decodable, Sendable {
        let orders: [Order]
        let has_next: Bool?
        let cursor: String?
    }

    struct CancelResult: Decodable, Sendable {
        let success: Bool
        let failure_reason: String?
        let order_id: String
    }

    /// `POST /orders/batch_cancel` answer.
    struct CancelResults: Decodable, Sendable {
        let results: [CancelResult]
    }

    struct Fill: Decodable, Sendable {
        let entry_id: String?
        let trade_id: String
        let order_id: String
        let trade_time: String
        let price: String
        let size: String
        let commission: String
        let product_id: String
        let liquidity_indicator: String?
        let size_in_quote: Bool?
        let side: String
    }

    /// `GET /orders/historical/fills`.
    struct Fills: Decodable, Sendable {
        let fills: [Fill]
        let cursor: String?
    }

    /// Coinbase's body for a refused request (`{"error": "…", "message": "…"}`, sometimes with
    /// `error_details`).
    struct APIError: Decodable, Sendable {
        let error: String?
        let code: Int?
        let message: String?
        let error_details: String?
    }
}
