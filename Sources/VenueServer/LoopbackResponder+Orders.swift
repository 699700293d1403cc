import Foundation
import HedgeCore
import HedgeExchange
import Logging

/// Signed order endpoints: place, query, cancel, open and all orders.
extension LoopbackResponder {
    func newOrder(_ request: LoopbackRequest) async -> LoopbackReply {
        let parsed: (VenueOrderRequest, LoopbackOrderDetails)
        do {
            parsed = try await orderRequest(request)
        } catch {
            return error.reply
        }
        let (orderRequest, details) = parsed
        guard await services.state.orderAllowed() else {
            return .error(status: 429, code: BinanceErrorCode.tooManyOrders.rawValue, message: BinanceErrorCode.tooManyOrders.message)
        }
        let order: VenueOrder
        do {
            order = try await services.exchange.placeOrder(orderRequest)
        } catch {
            let reply = Self.reply(for: error)
            if case .object(let members) = reply.body, case .int(let code)? = members.first?.1 {
                await services.state.recordRejection(code: Int(code))
            }
            return reply
        }
        let orderId = Int64(order.orderId) ?? 0
        var recorded = details
        recorded.createdAtMs = order.updateTimeMs
        await services.state.recordOrder(orderId: orderId, details: recorded)
        _ = await services.state.orderCounts(adding: 1)
        services.logger.info("loopback order placed", metadata: [
            "symbol": "\(order.symbol)", "clientOrderId": "\(order.clientOrderId)", "orderId": "\(orderId)"])
        return .ok(BinancePayloads.order(order, details: recorded, includeTime: false, includeCumQty: true))
    }

    /// The venue request and the details Binance echoes, from the form; Binance's errors for
    /// missing or malformed parameters.
    private func orderRequest(_ request: LoopbackRequest) async throws(LoopbackReplyError) -> (VenueOrderRequest, LoopbackOrderDetails) {
        let symbol = try request.require("symbol")
        guard let side = Side(rawValue: try request.require("side")) else {
            throw LoopbackReplyError(reply: .error(status: 400, code: -1117, message: "Invalid side."))
        }
        guard let type = VenueOrderType(rawValue: try request.require("type")) else {
            throw LoopbackReplyError(reply: .error(status: 400, code: -1116, message: "Invalid orderType."))
        }
        guard let quantity = Decimal(venueString: try request.require("quantity")) else { throw .mandatory("quantity") }
        var price: Decimal?
        if let raw = request.value("price") {
            guard let parsed = Decimal(venueString: raw) else { throw .mandatory("price") }
            price = parsed
        }
        var stopPrice: Decimal?
        if let raw = request.value("stopPrice") {
            guard let parsed = Decimal(venueString: raw) else { throw .mandatory("stopPrice") }
            stopPrice = parsed
        }
        var timeInForce: TimeInForce?
        if let raw = request.value("timeInForce") {
            guard let parsed = TimeInForce(rawValue: raw) else { throw .invalid("timeInForce") }
            timeInForce = parsed
        } else if type == .limit {
            throw .mandatory("timeInForce")
        }
        var positionSide: PositionSide?
        if let raw = request.value("positionSide"), raw != "BOTH" {
            guard let parsed = PositionSide(rawValue: raw) else { throw .invalid("positionSide") }
            positionSide = parsed
        }
        let reduceOnly = request.value("reduceOnly")?.lowercased() == "true"
        let workingType = request.value("workingType") ?? "CONTRACT_PRICE"
        guard workingType == "MARK_PRICE" || workingType == "CONTRACT_PRICE" else { throw .invalid("workingType") }
        let clientOrderId = request.value("newClientOrderId") ?? Self.generatedClientOrderId()
        guard clientOrderId.count <= 36, clientOrderId.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:/".contains($0)) }) else {
            throw LoopbackReplyError(reply: .error(status: 400, code: BinanceErrorCode.invalidClientOrderId.rawValue,
                                                   message: BinanceErrorCode.invalidClientOrderId.message))
        }
        let venueRequest = VenueOrderRequest(
            clientOrderId: clientOrderId, symbol: symbol, side: side, positionSide: positionSide, type: type, quantity: quantity,
            price: price, stopPrice: stopPrice, timeInForce: timeInForce, reduceOnly: reduceOnly)
        let details = LoopbackOrderDetails(symbol: symbol, clientOrderId: clientOrderId, timeInForce: (timeInForce ?? .gtc).rawValue,
                                           stopPrice: stopPrice, reduceOnly: reduceOnly, workingType: workingType, createdAtMs: 0)
        return (venueRequest, details)
    }

    /// A client order id like the ones Binance makes up when none is sent (22 characters).
    private static func generatedClientOrderId() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<22).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }

    /// The client order id of `orderId` or `origClientOrderId`, with the order's details.
    private func target(_ request: LoopbackRequest, unknown: BinanceErrorCode) async throws(LoopbackReplyError)
        -> (symbol: String, clientOrderId: String, details: LoopbackOrderDetails?) {
        let symbol = try request.require("symbol")
        if let orderId = try request.int("orderId") {
            guard let details = await services.state.details(orderId: orderId), details.symbol == symbol,
                  request.value("origClientOrderId").map({ $0 == details.clientOrderId }) ?? true else {
                throw LoopbackReplyError(reply: .error(status: 400, code: unknown.rawValue, message: unknown.message))
            }
            return (symbol, details.clientOrderId, details)
        }
        guard let clientOrderId = request.value("origClientOrderId") else {
            throw LoopbackReplyError(reply: .error(status: 400, code: BinanceErrorCode.mandatoryParameter.rawValue,
                                                   message: "Param 'orderId' or 'origClientOrderId' must be sent, but both were empty/null!"))
        }
        let orderId = await services.state.orderId(symbol: symbol, clientOrderId: clientOrderId)
        let details = if let orderId { await services.state.details(orderId: orderId) } else { LoopbackOrderDetails?.none }
        return (symbol, clientOrderId, details)
    }

    func queryOrder(_ request: LoopbackRequest) async -> LoopbackReply {
        do {
            let found = try await target(request, unknown: .noSuchOrder)
            let order = try await services.exchange.queryOrder(symbol: found.symbol, clientOrderId: found.clientOrderId)
            let details = await services.state.details(orderId: Int64(order.orderId) ?? 0) ?? found.details
            return .ok(BinancePayloads.order(order, details: details, includeTime: true, includeCumQty: false))
        } catch let error as LoopbackReplyError {
            return error.reply
        } catch let error as ExchangeError {
            return Self.reply(for: error, unknownOrderCode: .noSuchOrder)
        } catch {
            return Self.reply(for: .transport("\(error)"))
        }
    }

    func cancelOrder(_ request: LoopbackRequest) async -> LoopbackReply {
        do {
            let found = try await target(request, unknown: .cancelRejected)
            let order = try await services.exchange.cancelOrder(symbol: found.symbol, clientOrderId: found.clientOrderId)
            let details = await services.state.details(orderId: Int64(order.orderId) ?? 0) ?? found.details
            services.logger.info("loopback order canceled", metadata: ["symbol": "\(order.symbol)", "clientOrderId": "\(order.clientOrderId)"])
            return .ok(BinancePayloads.order(order, details: details, includeTime: false, includeCumQty: true))
        } catch let error as LoopbackReplyError {
            return error.reply
        } catch let error as ExchangeError {
            return Self.reply(for: error, unknownOrderCode: .cancelRejected)
        } catch {
            return Self.reply(for: .transport("\(error)"))
        }
    }

    func openOrders(_ request: LoopbackRequest) async throws -> LoopbackReply {
        let orders = try await services.exchange.openOrders(symbol: request.value("symbol"))
        var rows: [BinanceJSON] = []
        for order in orders {
            let details = await services.state.details(orderId: Int64(order.orderId) ?? 0)
            rows.append(BinancePayloads.order(order, details: details, includeTime: true, includeCumQty: false))
        }
        return .ok(.array(rows))
    }

    /// Every order the venue created for the symbol that it still remembers, oldest first.
    func allOrders(_ request: LoopbackRequest) async throws -> LoopbackReply {
        let symbol = try request.require("symbol")
        let limit = min(1000, max(1, Int(try request.int("limit") ?? 500)))
        let fromOrderId = try request.int("orderId")
        var rows: [BinanceJSON] = []
        for orderId in await services.state.orderIds(symbol: symbol) where fromOrderId.map({ orderId >= $0 }) ?? true {
            guard let details = await services.state.details(orderId: orderId),
                  let order = try? await services.exchange.queryOrder(symbol: symbol, clientOrderId: details.clientOrderId),
                  order.orderId == String(orderId) else { continue }
            rows.append(BinancePayloads.order(order, details: details, includeTime: true, includeCumQty: false))
        }
        return .ok(.array(Array(fromOrderId == nil ? rows.suffix(limit) : rows.prefix(limit))))
    }
}
