import DequeModule
import HedgeCore
import HedgeExchange
import HedgeStore
import Logging

/// Owns the account's NAV, equity and margin as read from the venue, and their freshness. A failed
/// read keeps the last sample (which then ages into `nav_stale` at the risk actor) and is logged.
/// Every sample is recorded in the store (the NAV curve); the latest `historyLimit` are kept here
/// for `nav.json`, restored from the store after a restart.
public actor NavSampler {
    private let exchange: any ExchangeClient
    private let time: MeshClock
    private let logger: Logger
    private let recorder: StoreRecorder?
    private let runId: String
    public private(set) var latest: NavReading?
    public private(set) var positions: [VenuePosition] = []
    public private(set) var failures = 0
    /// Recent samples, oldest first (bounded by `historyLimit`).
    public private(set) var history: Deque<NavSample> = []
    let historyLimit: Int

    public init(exchange: any ExchangeClient, time: MeshClock, recorder: StoreRecorder? = nil, runId: String = "local",
                historyLimit: Int = 240, logger: Logger = Logger(label: "hedge.nav")) {
        self.exchange = exchange
        self.time = time
        self.recorder = recorder
        self.runId = runId
        self.historyLimit = max(1, historyLimit)
        self.logger = logger
    }

    /// The NAV curve an earlier run recorded (oldest first).
    public func restore(history samples: [NavSample]) {
        history = Deque(samples.suffix(historyLimit))
    }

    /// Reads account and positions from the venue.
    @discardableResult
    public func sample() async -> NavReading? {
        let requestedAt = time.monotonicMs()
        do {
            let account = try await exchange.account()
            positions = try await exchange.positions()
            let sample = NavSample(navUSD: account.equityUSD, walletUSD: account.walletUSD,
                                   unrealizedPnlUSD: account.unrealizedPnlUSD, marginUSD: account.marginUSD,
                                   availableUSD: account.availableUSD, sampledAtMs: time.nowMs())
            latest = NavReading(sample, monotonicMs: time.monotonicMs(), requestedAtMs: requestedAt)
            history.append(sample)
            if history.count > historyLimit { history.removeFirst() }
            recorder?.submit(.navSample(runId: runId, sample))
            return latest
        } catch {
            failures += 1
            logger.warning("NAV sample failed; keeping the last one", metadata: ["error": "\(error)"])
            return latest
        }
    }

    /// `nav.json`: the latest sample with its age, or `sample_count: 0` before the first.
    public func navPayload(maxAgeSeconds: Double) -> NavPayload {
        let now = time.monotonicMs()
        return NavPayload(sampleCount: latest == nil ? 0 : 1, nav: latest?.sample, ageSeconds: latest?.ageSeconds(monotonicNowMs: now),
                          isFresh: latest?.isFresh(monotonicNowMs: now, maxAgeSeconds: maxAgeSeconds) ?? false, failures: failures,
                          history: history.map { NavPayload.Point(time: UTCTime.iso8601(ms: $0.sampledAtMs), navUSD: $0.navUSD) })
    }

    /// `positions.json`.
    public func positionsPayload() -> PositionsPayload {
        PositionsPayload(sampleCount: positions.count, positions: positions.map(PositionsPayload.Leg.init))
    }
}

/// `nav.json`.
public struct NavPayload: Sendable, Codable {
    public var sampleCount: Int
    public var nav: NavSample?
    public var ageSeconds: Double?
    public var isFresh: Bool
    public var failures: Int
    /// The NAV curve: recent samples, oldest first (kept across restarts by the store).
    public var history: [Point]

    /// One point of the NAV curve.
    public struct Point: Sendable, Codable {
        public var time: String
        public var navUSD: Double

        enum CodingKeys: String, CodingKey {
            case time
            case navUSD = "nav_usd"
        }
    }

    enum CodingKeys: String, CodingKey {
        case nav, failures, history
        case sampleCount = "sample_count"
        case ageSeconds = "age_s"
        case isFresh = "is_fresh"
    }
}

/// `positions.json`.
public struct PositionsPayload: Sendable, Codable {
    public struct Leg: Sendable, Codable {
        public var symbol: String
        public var side: PositionSide
        public var quantity: String
        public var entryPrice: String
        public var markPrice: String
        public var notionalUSD: Double
        public var unrealizedPnlUSD: Double

        init(_ position: VenuePosition) {
            symbol = position.symbol
            side = position.side
            quantity = position.quantity.venueString
            entryPrice = position.entryPrice.venueString
            markPrice = position.markPrice.venueString
            notionalUSD = position.notionalUSD
            unrealizedPnlUSD = position.unrealizedPnlUSD
        }

        enum CodingKeys: String, CodingKey {
            case symbol, side, quantity
            case entryPrice = "entry_price"
            case markPrice = "mark_price"
            case notionalUSD = "notional_usd"
            case unrealizedPnlUSD = "unrealized_pnl_usd"
        }
    }

    public var sampleCount: Int
    public var positions: [Leg]

    enum CodingKeys: String, CodingKey {
        case positions
        case sampleCount = "sample_count"
    }
}
