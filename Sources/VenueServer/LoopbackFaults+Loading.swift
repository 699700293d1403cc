import Foundation

/// Why a fault profile could not be loaded: the file, then every problem found, each naming the
/// key it is about (`serverErrors[0].status: must be 500...599, got 404`).
public struct LoopbackFaultsError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var problems: [String]

    public var description: String {
        problems.map { "\(path): \($0)" }.joined(separator: "\n")
    }
}

extension LoopbackFaults {
    /// Loads and validates the JSON profile at `path`. Unknown keys are refused (a misspelt fault
    /// would otherwise be silently off), and every value is checked; all problems are reported
    /// at once.
    public static func load(path: String) throws(LoopbackFaultsError) -> LoopbackFaults {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw LoopbackFaultsError(path: path, problems: ["cannot read: \(error.localizedDescription)"])
        }
        return try decode(data, source: path)
    }

    /// Decodes and validates a JSON profile; `source` names it in errors.
    public static func decode(_ data: Data, source: String = "faults") throws(LoopbackFaultsError) -> LoopbackFaults {
        let faults: LoopbackFaults
        do {
            faults = try JSONDecoder().decode(LoopbackFaults.self, from: data)
        } catch let error as DecodingError {
            throw LoopbackFaultsError(path: source, problems: [Self.describe(error)])
        } catch {
            throw LoopbackFaultsError(path: source, problems: ["\(error)"])
        }
        let problems = faults.problems
        guard problems.isEmpty else { throw LoopbackFaultsError(path: source, problems: problems) }
        return faults
    }

    /// Every value out of range, as `key: must …, got …`; empty when the profile is usable.
    public var problems: [String] {
        var out: [String] = []
        func check(_ ok: Bool, _ key: String, _ rule: String, _ value: Any) {
            if !ok { out.append("\(key): \(rule), got \(value)") }
        }
        func checkMethod(_ method: String?, _ key: String) {
            if let method { check(["GET", "POST", "PUT", "DELETE"].contains(method), "\(key).method", "must be GET, POST, PUT or DELETE", "\"\(method)\"") }
        }
        func checkPath(_ path: String?, _ key: String) {
            if let path { check(path.hasPrefix("/"), "\(key).path", "must start with /", "\"\(path)\"") }
        }
        for (index, fault) in serverErrors.enumerated() {
            let key = "serverErrors[\(index)]"
            check((500...599).contains(fault.status), "\(key).status", "must be 500...599", fault.status)
            check(fault.count >= 0, "\(key).count", "must be >= 0", fault.count)
            checkMethod(fault.method, key)
            checkPath(fault.path, key)
        }
        for (index, fault) in delays.enumerated() {
            let key = "delays[\(index)]"
            check(fault.seconds.isFinite && fault.seconds >= 0, "\(key).seconds", "must be >= 0", fault.seconds)
            check(fault.count >= 0, "\(key).count", "must be >= 0", fault.count)
            checkMethod(fault.method, key)
            checkPath(fault.path, key)
        }
        for (index, fault) in rateLimits.enumerated() {
            let key = "rateLimits[\(index)]"
            check(fault.count >= 0, "\(key).count", "must be >= 0", fault.count)
            check(fault.retryAfterSeconds >= 1, "\(key).retryAfterSeconds", "must be >= 1", fault.retryAfterSeconds)
            checkMethod(fault.method, key)
            checkPath(fault.path, key)
        }
        if let ban {
            check(ban.retryAfterSeconds >= 1, "ban.retryAfterSeconds", "must be >= 1", ban.retryAfterSeconds)
            check(ban.afterRequests >= 0, "ban.afterRequests", "must be >= 0", ban.afterRequests)
        }
        for (index, fault) in lostResponses.enumerated() {
            let key = "lostResponses[\(index)]"
            check(fault.count >= 0, "\(key).count", "must be >= 0", fault.count)
            if let hang = fault.hangSeconds { check(hang.isFinite && hang > 0, "\(key).hangSeconds", "must be > 0", hang) }
            checkMethod(fault.method, key)
            checkPath(fault.path, key)
        }
        if let drop = dropSockets { check(drop.afterMessages >= 0, "dropSockets.afterMessages", "must be >= 0", drop.afterMessages) }
        if let expiry = listenKeyExpiry {
            check(expiry.afterUserEvents >= 0, "listenKeyExpiry.afterUserEvents", "must be >= 0", expiry.afterUserEvents)
        }
        if let partial = partialFills {
            check(partial.participation > 0 && partial.participation <= 1, "partialFills.participation", "must be in (0, 1]", partial.participation)
        }
        check(duplicatedOrderEvents >= 0, "duplicatedOrderEvents", "must be >= 0", duplicatedOrderEvents)
        check(reorderedOrderEvents >= 0, "reorderedOrderEvents", "must be >= 0", reorderedOrderEvents)
        return out
    }

    /// `serverErrors[0].status: expected Int, got a string` style text for a decoding error.
    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            var out = ""
            for key in codingPath {
                if let index = key.intValue { out += "[\(index)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
            }
            return out.isEmpty ? "(top level)" : out
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(type), got null"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): required key missing"
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\($0.localizedDescription))" } ?? ""
            return "\(path(context.codingPath)): \(context.debugDescription)\(underlying)"
        @unknown default:
            return "\(error)"
        }
    }
}

// MARK: Decoding with defaults and unknown-key checks

/// Any JSON object key, so a decoder can list the keys it was given and refuse unknown ones.
struct FaultProfileKey: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(stringLiteral value: String) { stringValue = value }
}

extension KeyedDecodingContainer where Key == FaultProfileKey {
    /// Throws `dataCorrupted` at the first key not in `known`, naming it and the keys allowed.
    func refuseUnknownKeys(_ known: [String]) throws {
        for key in allKeys where !known.contains(key.stringValue) {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: codingPath + [key],
                debugDescription: "unknown key; expected one of \(known.joined(separator: ", "))"))
        }
    }

    func value<T: Decodable>(_ key: String, default fallback: T) throws -> T {
        try decodeIfPresent(T.self, forKey: FaultProfileKey(stringValue: key)) ?? fallback
    }

    func optional<T: Decodable>(_ key: String) throws -> T? {
        try decodeIfPresent(T.self, forKey: FaultProfileKey(stringValue: key))
    }

    func required<T: Decodable>(_ key: String) throws -> T {
        try decode(T.self, forKey: FaultProfileKey(stringValue: key))
    }
}

extension LoopbackFaults {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: FaultProfileKey.self)
        try c.refuseUnknownKeys(["serverErrors", "delays", "rateLimits", "ban", "clockSkewMs", "lostResponses", "dropSockets",
                                 "listenKeyExpiry", "partialFills", "duplicatedOrderEvents", "reorderedOrderEvents"])
        self.init(
            serverErrors: try c.value("serverErrors", default: []),
            delays: try c.value("delays", default: []),
            rateLimits: try c.value("rateLimits", default: []),
            ban: try c.optional("ban"),
            clockSkewMs: try c.value("clockSkewMs", default: 0),
            lostResponses: try c.value("lostResponses", default: []),
            dropSockets: try c.optional("dropSockets"),
            listenKeyExpiry: try c.optional("listenKeyExpiry"),
            partialFills: try c.optional("partialFills"),
            duplicatedOrderEvents: try c.value("duplicatedOrderEvents", default: 0),
            reorderedOrderEvents: try c.value("reorderedOrderEvents", default: 0))
    }
}

extension LoopbackFaults.ServerError {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: FaultProfileKey.self)
        try c.refuseUnknownKeys(["status", "count", "method", "path", "phase"])
        self.init(status: try c.value("status", default: 503), count: try c.value("count", default: 1),
                  method: try c.optional("method"), path: try c.optional("path"), phase: try c.value("phase", default: .before))
    }
}

extension LoopbackFaults.Delay {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: FaultProfileKey.self)
        try c.refuseUnknownKeys(["seconds", "count", "method", "path", "phase"])
        self.init(seconds: try c.required("seconds"), count: try c.value("count", default: 1),
                  method: try c.optional("method"), path: try c.optional("path"), phase: try c.value("phase", default: .before))
    }
}

extension LoopbackFaults.RateLimit {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: FaultProfileKey.self)
        try c.refuseUnknownKeys(["count", "retryAfterSeconds", "method", "path"])
        self.init(count: try c.value("count", default: 1), retryAfterSeconds: try c.value("retryAfterSeconds", default: 1),
                  method: try c.optional("method"), path: try c.optional("path"))
    }
}

extension LoopbackFaults.Ban {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: FaultProfileKey.self)
        try c.refuseUnknownKeys(["retryAfterSeconds", "afterRequests"])
        self.init(retryAfterSeconds: try c.required("retryAfterSeconds"), afterRequests: try c.value("afterRequests", default: 0))
    }
}

extension LoopbackFaults.LostResponse {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: FaultProfileKey.self)
        try c.refuseUnknownKeys(["count", "method", "path", "hangSeconds"])
        self.init(count: try c.value("count", default: 1), method: try c.value("method", default: "POST"),
                  path: try c.value("path", default: "/fapi/v1/order"), hangSeconds: try c.optional("hangSeconds"))
    }
}

extension LoopbackFaults.SocketDrop {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: FaultProfileKey.self)
        try c.refuseUnknownKeys(["afterMessages"])
        self.init(afterMessages: try c.value("afterMessages", default: 0))
    }
}

extension LoopbackFaults.ListenKeyExpiry {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: FaultProfileKey.self)
        try c.refuseUnknownKeys(["afterUserEvents"])
        self.init(afterUserEvents: try c.value("afterUserEvents", default: 0))
    }
}

extension LoopbackFaults.PartialFills {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: FaultProfileKey.self)
        try c.refuseUnknownKeys(["participation"])
        self.init(participation: try c.required("participation"))
    }
}
