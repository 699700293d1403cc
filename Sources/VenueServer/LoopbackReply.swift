/// One HTTP answer of the loopback venue before it becomes a Hummingbird `Response`: status,
/// Binance-shaped JSON body and extra headers (`Retry-After`, order counts).
struct LoopbackReply: Sendable {
    var status: Int
    var body: BinanceJSON
    var headers: [(String, String)] = []

    static func ok(_ body: BinanceJSON) -> LoopbackReply {
        LoopbackReply(status: 200, body: body)
    }

    /// Binance's error body `{"code":…,"msg":"…"}` with `status`.
    static func error(status: Int, code: Int, message: String) -> LoopbackReply {
        LoopbackReply(status: status, body: .object([("code", .int(Int64(code))), ("msg", .string(message))]))
    }
}
