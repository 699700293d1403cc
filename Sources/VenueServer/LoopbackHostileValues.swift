/// The `hostile_values` fault: an answer whose every number, time and rate-limit header is one a
/// careless reader traps on or takes for a real value. Deterministic: the values cycle in order
/// through each answer, so a failure repeats.
enum LoopbackHostileValues {
    /// Decimal strings in place of prices, quantities and balances.
    static let decimals = ["nan", "inf", "-1", "1e400", "1234567890123456789012345678901234567890", "-0", "0.0000000000000000000000000000000000000001"]
    /// Integers in place of ids and times.
    static let integers: [Int64] = [.min, .max, -1]

    /// `reply` (a 2xx: error bodies keep their codes) with its body's numbers and its headers made hostile.
    static func apply(to reply: LoopbackReply) -> LoopbackReply {
        var hostile = reply
        var position = 0
        hostile.body = replace(reply.body, position: &position)
        hostile.headers = reply.headers.map { name, value in
            switch name {
            case LoopbackHeaders.usedWeight: (name, "9223372036854775807")
            case LoopbackHeaders.orderCount10s, LoopbackHeaders.orderCount1m: (name, "1e300")
            default: (name, value)
            }
        }
        hostile.headers.append(("Retry-After", "inf"))
        return hostile
    }

    /// A stream message with its numbers made hostile (its event type and symbol stay, so the
    /// client routes it to the decoder that must refuse it).
    static func apply(to message: BinanceJSON) -> BinanceJSON {
        var position = 0
        return replace(message, position: &position)
    }

    private static func replace(_ value: BinanceJSON, position: inout Int) -> BinanceJSON {
        switch value {
        case .int:
            defer { position += 1 }
            return .int(integers[position % integers.count])
        case .double:
            defer { position += 1 }
            return .string(decimals[position % decimals.count])
        case .string(let text) where Double(text) != nil:
            defer { position += 1 }
            return .string(decimals[position % decimals.count])
        case .array(let elements):
            return .array(elements.map { replace($0, position: &position) })
        case .object(let members):
            return .object(members.map { ($0.0, replace($0.1, position: &position)) })
        default:
            return value
        }
    }
}
