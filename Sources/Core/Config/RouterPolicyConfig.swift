/// Router policy from `runtime.yaml` `router`: a policy per tier, and per symbol the keys that
/// differ from its tier's. A symbol's policy is resolved in that order over `RouterPolicy.default`
/// (its `tier` is always the symbol's own tier, which selects the slippage budget):
///
/// ```yaml
/// router:
///   tiers:
///     T1: { maker_first: true, taker_bias: 0.25, offset_bps: 0.5 }
///   symbols:
///     BTCUSDT: { offset_bps: 0.2 }
/// ```
public struct RouterPolicyConfig: Sendable, Hashable {
    /// The keys one level sets; nil keys come from the level below.
    public struct Patch: Sendable, Hashable {
        public var makerFirst: Bool?
        public var takerBias: Double?
        public var offsetBps: Double?

        public init(makerFirst: Bool? = nil, takerBias: Double? = nil, offsetBps: Double? = nil) {
            self.makerFirst = makerFirst
            self.takerBias = takerBias
            self.offsetBps = offsetBps
        }

        func apply(to policy: inout RouterPolicy) {
            if let makerFirst { policy.makerFirst = makerFirst }
            if let takerBias { policy.takerBias = takerBias }
            if let offsetBps { policy.offsetBps = offsetBps }
        }
    }

    /// Where a resolved policy came from, as `router_health.json` reports it.
    public enum Source: String, Sendable, Hashable, Codable {
        case `default`, tier, symbol
    }

    public var tiers: [Tier: Patch]
    public var symbols: [String: Patch]
    /// `autotune_allowlist`: the symbols whose policy router auto-tune may change live (with
    /// `ROUTER_AUTOTUNE_V6_APPLY_ENABLED` on, through `RouterAutotuneApplyGate`). Empty: none.
    public var autotuneAllowlist: Set<String>

    public init(tiers: [Tier: Patch] = [:], symbols: [String: Patch] = [:], autotuneAllowlist: Set<String> = []) {
        self.tiers = tiers
        self.symbols = symbols
        self.autotuneAllowlist = autotuneAllowlist
    }

    /// `symbol`'s policy in `tier`, and the most specific level that set any of it.
    public func policy(for symbol: String, tier: Tier) -> (policy: RouterPolicy, source: Source) {
        var policy = RouterPolicy.default
        policy.tier = tier
        var source = Source.default
        if let patch = tiers[tier] {
            patch.apply(to: &policy)
            source = .tier
        }
        if let patch = symbols[symbol] {
            patch.apply(to: &policy)
            source = .symbol
        }
        return (policy, source)
    }

    /// Reads the `router` section: `tiers.T1|T2|T3` and `symbols.SYMBOL`, each with optional
    /// `maker_first`, `taker_bias` ([0, 1]) and `offset_bps` (≥ 0).
    static func read(_ section: inout ConfigObjectReader, problems: inout ConfigProblems) -> RouterPolicyConfig {
        var config = RouterPolicyConfig()
        if var tiers = section.object("tiers", required: false, problems: &problems) {
            for tier in Tier.allCases {
                guard var entry = tiers.object(tier.rawValue, required: false, problems: &problems) else { continue }
                config.tiers[tier] = readPatch(&entry, problems: &problems)
            }
            tiers.finish(into: &problems)
        }
        if var symbols = section.object("symbols", required: false, problems: &problems) {
            symbols.acceptAllKeys()
            for symbol in symbols.keys {
                guard var entry = symbols.object(symbol, problems: &problems) else { continue }
                config.symbols[symbol] = readPatch(&entry, problems: &problems)
            }
        }
        if let raw = section.raw("autotune_allowlist"), raw != .null {
            if case .array(let items) = raw {
                for (index, item) in items.enumerated() {
                    if case .string(let symbol) = item { config.autotuneAllowlist.insert(symbol) } else {
                        problems.add(section.file, "\(section.keyPath("autotune_allowlist"))[\(index)]", "must be a symbol, got \(item.kindDescription)")
                    }
                }
            } else {
                problems.add(section.file, section.keyPath("autotune_allowlist"), "must be a list of symbols, got \(raw.kindDescription)")
            }
        }
        section.finish(into: &problems)
        return config
    }

    private static func readPatch(_ entry: inout ConfigObjectReader, problems: inout ConfigProblems) -> Patch {
        let patch = Patch(
            makerFirst: entry.bool("maker_first", required: false, problems: &problems),
            takerBias: entry.number("taker_bias", .fraction, required: false, problems: &problems),
            offsetBps: entry.number("offset_bps", .closed(0, 10_000), required: false, problems: &problems))
        entry.finish(into: &problems)
        return patch
    }
}
