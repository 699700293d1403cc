import HedgeExchange

extension LoopbackResponder {
    /// The work of `route` once the request is admitted and authenticated.
    func handle(_ route: LoopbackRoute, _ request: LoopbackRequest) async -> LoopbackReply {
        do {
            switch route {
            case .ping: return .ok(.object([]))
            case .time: return .ok(.object([("serverTime", .int(await services.state.serverTimeMs()))]))
            case .exchangeInfo: return try await exchangeInfo()
            case .klines: return try await klines(request)
            case .bookTicker: return try await bookTicker(request)
            case .depth: return try await depth(request)
            case .premiumIndex: return try await premiumIndex(request)
            case .tickerPrice: return try await tickerPrice(request)
            case .ticker24hr: return try await ticker24hr(request)
            case .accountV2, .accountV3: return try await account(v2: route == .accountV2)
            case .balanceV2, .balanceV3: return .ok(BinancePayloads.balance(try await services.exchange.account()))
            case .positionRiskV2, .positionRiskV3: return try await positionRisk(request, v2: route == .positionRiskV2)
            case .positionSideGet: return await positionSide()
            case .positionSidePost: return await changePositionSide(request)
            case .leverageBracket: return try await leverageBracket(request)
            case .changeLeverage: return try await changeLeverage(request)
            case .openOrders: return try await openOrders(request)
            case .allOrders: return try await allOrders(request)
            case .newOrder: return await newOrder(request)
            case .queryOrder: return await queryOrder(request)
            case .cancelOrder: return await cancelOrder(request)
            case .userTrades: return try await userTrades(request)
            case .listenKeyCreate: return .ok(.object([("listenKey", .string(await services.state.createListenKey()))]))
            case .listenKeyKeepAlive:
                guard let key = await services.state.keepAliveListenKey(request.value("listenKey")) else { return Self.noListenKey }
                return .ok(.object([("listenKey", .string(key))]))
            case .listenKeyClose:
                _ = await services.state.closeListenKey(request.value("listenKey"))
                return .ok(.object([]))
            }
        } catch let error as LoopbackReplyError {
            return error.reply
        } catch let error as ExchangeError {
            return Self.reply(for: error)
        } catch {
            return .error(status: 500, code: BinanceErrorCode.unknown.rawValue, message: BinanceErrorCode.unknown.message)
        }
    }

    static let noListenKey = LoopbackReply.error(
        status: 400, code: -1125, message: "This listenKey does not exist. Please use `POST /fapi/v1/listenKey` to recreate `listenKey`")

    /// Binance's answer for a sim refusal. `unknownOrderCode` is -2013 for queries, -2011 for cancels.
    static func reply(for error: ExchangeError, unknownOrderCode: BinanceErrorCode = .noSuchOrder) -> LoopbackReply {
        switch error {
        case .orderRejected(let code, let reason):
            let code = code ?? BinanceErrorCode.newOrderRejected.rawValue
            let message = BinanceErrorCode(rawValue: code)?.message ?? filterMessages[code] ?? reason
            return .error(status: 400, code: code, message: message)
        case .duplicateOrder:
            return .error(status: 400, code: BinanceErrorCode.duplicatedClientOrderId.rawValue, message: BinanceErrorCode.duplicatedClientOrderId.message)
        case .unknownOrder:
            return .error(status: 400, code: unknownOrderCode.rawValue, message: unknownOrderCode.message)
        case .unknownSymbol:
            return .error(status: 400, code: BinanceErrorCode.badSymbol.rawValue, message: BinanceErrorCode.badSymbol.message)
        case .triggerAlreadyPassed:
            let code = BinanceErrorCode.orderWouldImmediatelyTrigger
            return .error(status: 400, code: code.rawValue, message: code.message)
        case .notAllowed(let message), .malformedResponse(let message):
            return .error(status: 400, code: -1130, message: message)
        case .server(let status, _):
            return .error(status: status, code: BinanceErrorCode.disconnected.rawValue, message: BinanceErrorCode.disconnected.message)
        case .transport:
            return .error(status: 503, code: BinanceErrorCode.timeout.rawValue, message: BinanceErrorCode.timeout.message)
        case .rateLimited:
            return .error(status: 429, code: BinanceErrorCode.tooManyRequests.rawValue, message: BinanceErrorCode.tooManyRequests.message)
        case .timestampOutsideWindow:
            return .error(status: 400, code: BinanceErrorCode.invalidTimestamp.rawValue, message: BinanceErrorCode.invalidTimestamp.message)
        case .unauthorized:
            return .error(status: 401, code: BinanceErrorCode.rejectedAPIKey.rawValue, message: BinanceErrorCode.rejectedAPIKey.message)
        }
    }

    /// Binance's messages for the filter codes the sim uses that `BinanceErrorCode` does not name.
    private static let filterMessages: [Int: String] = [
        -4001: "Price less than 0.",
        -4002: "Price greater than max price.",
        -4003: "Quantity less than or equal to zero.",
        -4004: "Quantity less than min quantity.",
        -4005: "Quantity greater than max quantity.",
        -4013: "Price less than min price.",
    ]
}

/// A finished error answer thrown from inside a handler (a missing parameter, a bad value).
struct LoopbackReplyError: Error {
    var reply: LoopbackReply

    static func mandatory(_ name: String) -> LoopbackReplyError {
        LoopbackReplyError(reply: LoopbackResponder.mandatory(name))
    }

    static func invalid(_ name: String) -> LoopbackReplyError {
        LoopbackReplyError(reply: .error(status: 400, code: -1130, message: "Data sent for parameter '\(name)' is not valid."))
    }
}

extension LoopbackRequest {
    func require(_ name: String) throws(LoopbackReplyError) -> String {
        guard let value = value(name) else { throw .mandatory(name) }
        return value
    }

    func int(_ name: String) throws(LoopbackReplyError) -> Int64? {
        guard let raw = value(name) else { return nil }
        guard let parsed = Int64(raw) else { throw .invalid(name) }
        return parsed
    }
}
