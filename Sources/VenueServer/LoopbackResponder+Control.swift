import Foundation
import HedgeCore
import HedgeExchange
import HTTPTypes
import Hummingbird
import NIOCore

/// The unsigned control endpoints under `/_loopback/`, answered to loopback clients only, and
/// only with the server's `X-Loopback-Token` when it has one (`hedge venue-server` always does):
///
/// - `GET /_loopback/faults`: the faults still armed;
/// - `POST /_loopback/faults`: replace them with the JSON profile in the body (the format of a
///   `--faults` file; a bad one is refused with every problem, and nothing changes);
/// - `POST /_loopback/sockets/drop`: close every WebSocket now;
/// - `POST /_loopback/listenKeys/expire`: send `listenKeyExpired` and invalidate the keys;
/// - `GET /_loopback/journal`: the orders created, by client order id.
extension LoopbackResponder {
    func control(_ request: Request, method: String, path: String, context: LoopbackRequestContext) async throws -> Response {
        guard Self.isLoopback(context.channel.remoteAddress) else {
            return Self.response(.error(status: 403, code: -1000, message: "loopback control endpoints answer 127.0.0.1 only"))
        }
        if let token = services.controlToken {
            guard let sent = request.headers[HTTPField.Name(LoopbackHeaders.controlToken)!], Self.constantTimeEqual(sent, token) else {
                return Self.response(.error(status: 401, code: -2015, message: "loopback control endpoints need the X-Loopback-Token the server printed"))
            }
        }
        switch (method, path) {
        case ("GET", "/_loopback/faults"):
            return Self.json(await services.armedFaults().jsonData())
        case ("POST", "/_loopback/faults"):
            let body = try await request.body.collect(upTo: 1 << 20)
            do {
                let faults = try LoopbackFaults.decode(Data(body.readableBytesView), source: "request body")
                await services.setFaults(faults)
                return Self.json(await services.armedFaults().jsonData())
            } catch {
                return Self.response(.error(status: 400, code: -1130, message: error.description))
            }
        case ("POST", "/_loopback/sockets/drop"):
            await services.state.dropSockets()
            return Self.response(.ok(.object([])))
        case ("POST", "/_loopback/sockets/send"):
            // The body, as it is, becomes one text frame (up to 32 MiB: frames over the client's limit are the point).
            let body = try await request.body.collect(upTo: 1 << 25)
            let query = BinanceQuery.parse(Substring(request.uri.query ?? ""))
            let kind = query.value(of: "to")
            guard kind == nil || kind == "user" || kind == "market" else {
                return Self.response(.error(status: 400, code: -1102, message: "to must be user or market, got \(kind ?? "")"))
            }
            let sent = await services.state.sendFrame(String(decoding: body.readableBytesView, as: UTF8.self),
                                                      userStreams: kind.map { $0 == "user" })
            return Self.response(.ok(.object([("sockets", .int(Int64(sent)))])))
        case ("POST", "/_loopback/listenKeys/expire"):
            await services.state.expireListenKeys()
            return Self.response(.ok(.object([])))
        case ("GET", "/_loopback/journal"):
            return Self.response(.ok(Self.journalJSON(await services.state.journal)))
        default:
            return Self.response(.error(status: 404, code: -5000, message: "Path \(path), Method \(method) is invalid"))
        }
    }

    /// Compares without an early exit, so the time taken says nothing about the token.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func journalJSON(_ journal: LoopbackJournal) -> BinanceJSON {
        .object([
            ("orders", .array(journal.entries.map { entry in
                .object([("orderId", .int(entry.orderId)), ("clientOrderId", .string(entry.clientOrderId)),
                         ("symbol", .string(entry.symbol)), ("createdAtMs", .int(entry.createdAtMs)),
                         ("responseLost", .bool(entry.responseLost))])
            })),
            ("ordersByClientOrderId", .object(journal.ordersByClientOrderId.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
            ("duplicatedClientOrderIds", .array(journal.duplicatedClientOrderIds.map { .string($0) })),
            ("rejectionsByCode", .object(journal.rejectionsByCode.sorted { $0.key < $1.key }.map { (String($0.key), .int($0.value)) })),
        ])
    }

    private static func json(_ data: Data) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func isLoopback(_ address: SocketAddress?) -> Bool {
        guard let ip = address?.ipAddress else { return false }
        return ip.hasPrefix("127.") || ip == "::1" || ip.hasPrefix("::ffff:127.")
    }
}
