import Foundation
import HTTPTypes
import HedgeExchange
import Hummingbird
import Logging
import NIOCore

/// Answers the loopback venue's REST requests as Binance USD-M would: route, IP ban and rate
/// limits, authentication, faults, then the endpoint's work on the sim venue. Every response
/// carries `X-MBX-USED-WEIGHT-1M`; order endpoints also the order counts.
struct LoopbackResponder: HTTPResponder {
    let services: LoopbackVenueServices

    func respond(to request: Request, context: LoopbackRequestContext) async throws -> Response {
        let method = request.method.rawValue
        let path = request.uri.path
        if path.hasPrefix("/_loopback/") {
            return try await control(request, method: method, path: path, context: context)
        }
        let body = try await request.body.collect(upTo: 1 << 20)
        let incoming = LoopbackRequest(method: method, path: path, rawQuery: request.uri.query ?? "",
                                       rawBody: String(buffer: body), apiKey: request.headers[HTTPField.Name(LoopbackHeaders.apiKey)!])
        guard let route = LoopbackRoute(method: method, path: path) else {
            let used = await services.state.usedWeight()
            var reply = LoopbackReply.error(status: 404, code: -5000, message: "Path \(path), Method \(method) is invalid")
            reply.headers.append((LoopbackHeaders.usedWeight, String(used)))
            return Self.response(reply)
        }
        let usedWeight: Int
        switch await services.state.admit(method: method, path: path, weight: route.weight(incoming.parameters)) {
        case .refused(let reply):
            return Self.response(reply)
        case .admitted(let used):
            usedWeight = used
        }
        var reply = await answer(route, incoming, context: context)
        reply.headers.append((LoopbackHeaders.usedWeight, String(usedWeight)))
        if route.isOrderEndpoint {
            let counts = await services.state.orderCounts()
            reply.headers.append((LoopbackHeaders.orderCount10s, String(counts.tenSeconds)))
            reply.headers.append((LoopbackHeaders.orderCount1m, String(counts.minute)))
        }
        if reply.status == 200, await services.state.faults.hostileValues { reply = LoopbackHostileValues.apply(to: reply) }
        if reply.status == 200, let mangling = await services.state.faults.mangledBodies {
            return Self.response(reply, body: mangling.apply(to: reply.body.serialized))
        }
        return Self.response(reply)
    }

    /// Authentication, faults around the work, and the lost-response fault.
    private func answer(_ route: LoopbackRoute, _ request: LoopbackRequest, context: LoopbackRequestContext) async -> LoopbackReply {
        if let refusal = await authenticate(route, request) { return refusal }
        let before = await services.state.takeRequestFaults(method: request.method, path: request.path, phase: .before)
        if let seconds = before.delaySeconds { await delay(seconds, request) }
        if let status = before.serverErrorStatus {
            services.logger.notice("loopback fault: server error before processing", metadata: ["path": "\(request.path)", "status": "\(status)"])
            return .error(status: status, code: BinanceErrorCode.disconnected.rawValue, message: BinanceErrorCode.disconnected.message)
        }
        let reply = await handle(route, request)
        let after = await services.state.takeRequestFaults(method: request.method, path: request.path, phase: .after)
        if let seconds = after.delaySeconds { await delay(seconds, request) }
        if let status = after.serverErrorStatus {
            services.logger.notice("loopback fault: server error after processing", metadata: ["path": "\(request.path)", "status": "\(status)"])
            await markLost(route, reply)
            return .error(status: status, code: BinanceErrorCode.timeout.rawValue, message: BinanceErrorCode.timeout.message)
        }
        if let lost = await services.state.takeLostResponse(method: request.method, path: request.path) {
            services.logger.notice("loopback fault: response lost", metadata: ["path": "\(request.path)"])
            await markLost(route, reply)
            if let hang = lost.hangSeconds { await delay(hang, request) }
            try? await context.channel.close()
            return .error(status: 503, code: BinanceErrorCode.timeout.rawValue, message: BinanceErrorCode.timeout.message)
        }
        return reply
    }

    private func markLost(_ route: LoopbackRoute, _ reply: LoopbackReply) async {
        guard route == .newOrder, reply.status == 200, case .object(let members) = reply.body,
              case .int(let orderId)? = members.first(where: { $0.0 == "orderId" })?.1 else { return }
        await services.state.markResponseLost(orderId: orderId)
    }

    private func delay(_ seconds: Double, _ request: LoopbackRequest) async {
        services.logger.notice("loopback fault: delaying response", metadata: ["path": "\(request.path)", "seconds": "\(seconds)"])
        try? await services.clock.sleep(for: .milliseconds(Int64(seconds * 1000)))
    }

    /// API key, then for signed endpoints timestamp, recvWindow and signature.
    private func authenticate(_ route: LoopbackRoute, _ request: LoopbackRequest) async -> LoopbackReply? {
        guard route.security != .none else { return nil }
        guard let key = request.apiKey, !key.isEmpty else {
            return .error(status: 401, code: BinanceErrorCode.badAPIKeyFormat.rawValue, message: BinanceErrorCode.badAPIKeyFormat.message)
        }
        guard key == services.apiKey else {
            return .error(status: 401, code: BinanceErrorCode.rejectedAPIKey.rawValue, message: BinanceErrorCode.rejectedAPIKey.message)
        }
        guard route.security == .signed else { return nil }
        guard let timestamp = request.value("timestamp").flatMap({ Int64($0) }) else {
            return Self.mandatory("timestamp")
        }
        var recvWindow: Int64 = 5000
        if let raw = request.value("recvWindow") {
            guard let parsed = Int64(raw), parsed > 0 else { return Self.mandatory("recvWindow") }
            guard parsed <= 60_000 else { return .error(status: 400, code: -1131, message: "recvWindow must be less than 60000") }
            recvWindow = parsed
        }
        let serverTime = await services.state.serverTimeMs()
        if timestamp >= serverTime + 1000 {
            return .error(status: 400, code: BinanceErrorCode.invalidTimestamp.rawValue,
                          message: "Timestamp for this request was 1000ms ahead of the server's time.")
        }
        if serverTime - timestamp > recvWindow {
            return .error(status: 400, code: BinanceErrorCode.invalidTimestamp.rawValue, message: BinanceErrorCode.invalidTimestamp.message)
        }
        let signed = request.signedPayload
        guard let signature = signed.signature, !signature.isEmpty else { return Self.mandatory("signature") }
        guard services.signer.isValid(signature: signature, for: signed.payload) else {
            return .error(status: 400, code: BinanceErrorCode.invalidSignature.rawValue, message: BinanceErrorCode.invalidSignature.message)
        }
        return nil
    }

    static func mandatory(_ name: String) -> LoopbackReply {
        .error(status: 400, code: BinanceErrorCode.mandatoryParameter.rawValue,
               message: "Mandatory parameter '\(name)' was not sent, was empty/null, or malformed.")
    }

    /// `reply` as a Hummingbird response; `body`, when given, is sent in place of its JSON.
    static func response(_ reply: LoopbackReply, body: String? = nil) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        for (name, value) in reply.headers {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        return Response(status: HTTPResponse.Status(code: reply.status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: body ?? reply.body.serialized)))
    }
}
