import Foundation
import HedgeCore
import HedgeExchange

/// Signed account endpoints: account, positions, position mode, trades.
extension LoopbackResponder {
    func account(v2: Bool) async throws -> LoopbackReply {
        let account = try await services.exchange.account()
        let positions = try await services.exchange.positions()
        return .ok(BinancePayloads.account(account, positions: positions, v2: v2))
    }

    /// v2: every symbol with both sides (hedge mode) or BOTH; v3: only the open legs.
    func positionRisk(_ request: LoopbackRequest, v2: Bool) async throws -> LoopbackReply {
        let exchange = services.exchange
        let positions = try await exchange.positions()
        let account = try await exchange.account()
        let hedge = await exchange.configuration.matching.positionMode == .hedge
        let symbols: [String] = if let symbol = request.value("symbol") {
            [symbol]
        } else if v2 {
            try await exchange.exchangeInfo().keys.sorted()
        } else {
            Array(Set(positions.map(\.symbol))).sorted()
        }
        var rows: [BinanceJSON] = []
        for symbol in symbols {
            let mark = (try? await exchange.markPrice(symbol: symbol).markPrice)
                ?? positions.first { $0.symbol == symbol }?.markPrice ?? 0
            let sides: [PositionSide?] = hedge ? [.long, .short] : [nil]
            for side in sides {
                let leg = positions.first { $0.symbol == symbol && (side == nil || $0.side == side) }
                if !v2, leg == nil { continue }
                rows.append(BinancePayloads.positionRisk(symbol: symbol, side: side?.rawValue ?? "BOTH", position: leg,
                                                         leverage: await exchange.leverage(symbol: symbol),
                                                         markPrice: mark, timeMs: account.timeMs, v2: v2))
            }
        }
        return .ok(.array(rows))
    }

    /// `POST /fapi/v1/leverage`: the sim's setting for the symbol; Binance's answer shape.
    func changeLeverage(_ request: LoopbackRequest) async throws -> LoopbackReply {
        guard let symbol = request.value("symbol") else { throw LoopbackReplyError.mandatory("symbol") }
        guard let text = request.value("leverage") else { throw LoopbackReplyError.mandatory("leverage") }
        guard let wanted = Int(text) else { throw LoopbackReplyError.invalid("leverage") }
        let leverage = try await services.exchange.setLeverage(symbol: symbol, leverage: wanted)
        return .ok(.object([("leverage", .int(Int64(leverage))), ("maxNotionalValue", .string("1000000000")), ("symbol", .string(symbol))]))
    }

    /// One bracket per symbol: the sim has a single maintenance margin rate and no notional cap.
    func leverageBracket(_ request: LoopbackRequest) async throws -> LoopbackReply {
        let matching = await services.exchange.configuration.matching
        let symbols: [String] = if let symbol = request.value("symbol") {
            [symbol]
        } else {
            try await services.exchange.exchangeInfo().keys.sorted()
        }
        let rows: [BinanceJSON] = symbols.map { symbol in
            .object([
                ("symbol", .string(symbol)), ("notionalCoef", .double(1)),
                ("brackets", .array([.object([
                    ("bracket", .int(1)), ("initialLeverage", .int(125)), ("notionalCap", .int(1_000_000_000)),
                    ("notionalFloor", .int(0)), ("maintMarginRatio", .double(matching.maintenanceMarginRate)), ("cum", .double(0)),
                ])])),
            ])
        }
        return .ok(request.value("symbol") != nil ? rows[0] : .array(rows))
    }

    func positionSide() async -> LoopbackReply {
        let hedge = await services.exchange.configuration.matching.positionMode == .hedge
        return .ok(.object([("dualSidePosition", .bool(hedge))]))
    }

    /// The sim's position mode is fixed when it is built: asking for the mode it has is Binance's
    /// -4059; asking for the other one is refused as Binance refuses it with legs open (-4068).
    func changePositionSide(_ request: LoopbackRequest) async -> LoopbackReply {
        guard let wanted = request.value("dualSidePosition").flatMap({ Bool($0.lowercased()) }) else {
            return Self.mandatory("dualSidePosition")
        }
        let hedge = await services.exchange.configuration.matching.positionMode == .hedge
        if wanted == hedge {
            return .error(status: 400, code: BinanceErrorCode.noNeedToChangePositionSide.rawValue,
                          message: BinanceErrorCode.noNeedToChangePositionSide.message)
        }
        return .error(status: 400, code: -4068, message: "Position side cannot be changed if there exists position.")
    }

    func userTrades(_ request: LoopbackRequest) async throws -> LoopbackReply {
        let symbol = try request.require("symbol")
        let limit = min(1000, max(1, Int(try request.int("limit") ?? 500)))
        let start = try request.int("startTime") ?? 0
        let end = try request.int("endTime")
        let fromId = try request.int("fromId")
        var fills = try await services.exchange.userTrades(symbol: symbol, sinceMs: start)
        if let end { fills = fills.filter { $0.timeMs <= end } }
        if let fromId { fills = fills.filter { (Int64($0.tradeId) ?? 0) >= fromId } }
        fills = start > 0 || fromId != nil ? Array(fills.prefix(limit)) : Array(fills.suffix(limit))
        return .ok(.array(fills.map(BinancePayloads.trade)))
    }
}
