import Foundation
import HedgeCore

extension LoopbackFaults {
    /// Loads and validates the profile at `path` (JSON, snake_case keys, like every config file):
    /// unknown keys are refused with a "did you mean" (a misspelt fault would otherwise be
    /// silently off) and every value is checked; all problems are reported at once, each as
    /// `FILE: KEY.PATH: problem`.
    public static func load(path: String) throws(ConfigError) -> LoopbackFaults {
        var problems = ConfigProblems()
        guard let document = ConfigDocument.load(path: path, displayName: path, format: .json, problems: &problems),
              let faults = read(document, file: path, problems: &problems) else {
            throw ConfigError(problems: problems.all)
        }
        return faults
    }

    /// A profile sent as JSON (the `POST /_loopback/faults` body); `source` names it in problems.
    public static func decode(_ data: Data, source: String = "faults") throws(ConfigError) -> LoopbackFaults {
        var problems = ConfigProblems()
        guard let document = ConfigDocument.parseJSON(data, displayName: source, problems: &problems),
              let faults = read(document, file: source, problems: &problems) else {
            throw ConfigError(problems: problems.all)
        }
        return faults
    }

    /// Reads a parsed profile; nil, with every problem recorded, when it is not usable.
    static func read(_ document: JSONValue, file: String, problems: inout ConfigProblems) -> LoopbackFaults? {
        let before = problems.all.count
        guard var root = ConfigObjectReader(document, file: file, path: "", problems: &problems) else { return nil }
        var faults = LoopbackFaults.none
        faults.serverErrors = root.objects("server_errors", required: false, problems: &problems)?.compactMap { element in
            var e = element
            defer { e.finish(into: &problems) }
            let fault = readPhasedFault(&e, problems: &problems)
            return ServerError(status: e.integer("status", .closed(500, 599), required: false, problems: &problems) ?? 503,
                               count: fault.count, method: fault.method, path: fault.path, phase: fault.phase)
        } ?? []
        faults.delays = root.objects("delays", required: false, problems: &problems)?.compactMap { element in
            var e = element
            defer { e.finish(into: &problems) }
            let fault = readPhasedFault(&e, problems: &problems)
            guard let seconds = e.number("seconds", .nonNegative, problems: &problems) else { return nil }
            return Delay(seconds: seconds, count: fault.count, method: fault.method, path: fault.path, phase: fault.phase)
        } ?? []
        faults.rateLimits = root.objects("rate_limits", required: false, problems: &problems)?.compactMap { element in
            var e = element
            defer { e.finish(into: &problems) }
            let target = readTarget(&e, problems: &problems)
            return RateLimit(count: count(&e, problems: &problems),
                             retryAfterSeconds: e.integer("retry_after_seconds", .closed(1, 86_400), required: false, problems: &problems) ?? 1,
                             method: target.method, path: target.path)
        } ?? []
        if var e = root.object("ban", required: false, problems: &problems) {
            if let seconds = e.integer("retry_after_seconds", .closed(1, 86_400), problems: &problems) {
                faults.ban = Ban(retryAfterSeconds: seconds,
                                 afterRequests: e.integer("after_requests", .atLeast(0), required: false, problems: &problems) ?? 0)
            }
            e.finish(into: &problems)
        }
        faults.clockSkewMs = Int64(root.integer("clock_skew_ms", .closed(-86_400_000, 86_400_000), required: false, problems: &problems) ?? 0)
        faults.lostResponses = root.objects("lost_responses", required: false, problems: &problems)?.compactMap { element in
            var e = element
            defer { e.finish(into: &problems) }
            let target = readTarget(&e, problems: &problems)
            let defaults = LostResponse()
            return LostResponse(count: count(&e, problems: &problems), method: target.method ?? defaults.method,
                                path: target.path ?? defaults.path,
                                hangSeconds: e.number("hang_seconds", .positive, required: false, problems: &problems))
        } ?? []
        if var e = root.object("drop_sockets", required: false, problems: &problems) {
            faults.dropSockets = SocketDrop(afterMessages: e.integer("after_messages", .atLeast(0), required: false, problems: &problems) ?? 0)
            e.finish(into: &problems)
        }
        if var e = root.object("listen_key_expiry", required: false, problems: &problems) {
            faults.listenKeyExpiry = ListenKeyExpiry(
                afterUserEvents: e.integer("after_user_events", .atLeast(0), required: false, problems: &problems) ?? 0)
            e.finish(into: &problems)
        }
        if var e = root.object("partial_fills", required: false, problems: &problems) {
            let share = NumberRule(lower: 0, lowerInclusive: false, upper: 1, upperInclusive: true)
            if let participation = e.number("participation", share, problems: &problems) {
                faults.partialFills = PartialFills(participation: participation)
            }
            e.finish(into: &problems)
        }
        faults.duplicatedOrderUpdates = root.integer("duplicated_order_updates", .atLeast(0), required: false, problems: &problems) ?? 0
        faults.reorderedOrderUpdates = root.integer("reordered_order_updates", .atLeast(0), required: false, problems: &problems) ?? 0
        faults.hostileValues = root.bool("hostile_values", required: false, problems: &problems) ?? false
        faults.mangledBodies = root.choice("mangled_bodies", as: BodyMangling.self, required: false, problems: &problems)
        root.finish(into: &problems)
        return problems.all.count == before ? faults : nil
    }

    /// The HTTP methods a request fault can be limited to.
    private enum Method: String, CaseIterable {
        case get = "GET", post = "POST", put = "PUT", delete = "DELETE"
    }

    /// A request fault's `method` and `path` filters (nil: any).
    private static func readTarget(_ e: inout ConfigObjectReader, problems: inout ConfigProblems) -> (method: String?, path: String?) {
        let method = e.choice("method", as: Method.self, required: false, problems: &problems)?.rawValue
        let path = e.string("path", required: false, problems: &problems)
        if let path, !path.hasPrefix("/") {
            problems.add(e.file, e.keyPath("path"), "must start with /, got \"\(path)\"")
        }
        return (method, path)
    }

    /// The keys a server error and a delay share: which requests, how many, before or after the work.
    private static func readPhasedFault(_ e: inout ConfigObjectReader, problems: inout ConfigProblems)
        -> (method: String?, path: String?, count: Int, phase: Phase) {
        let target = readTarget(&e, problems: &problems)
        return (target.method, target.path, count(&e, problems: &problems),
                e.choice("phase", as: Phase.self, required: false, problems: &problems) ?? .before)
    }

    /// A counted fault's `count` (default 1).
    private static func count(_ e: inout ConfigObjectReader, problems: inout ConfigProblems) -> Int {
        e.integer("count", .atLeast(0), required: false, problems: &problems) ?? 1
    }

    /// The profile as JSON in the same snake_case keys it is loaded from (`GET /_loopback/faults`).
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }
}
