/// A liquidity tier of the universe. T1 is the most liquid; caps and sizing differ per tier.
public enum Tier: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case t1 = "T1"
    case t2 = "T2"
    case t3 = "T3"

    public static func < (lhs: Tier, rhs: Tier) -> Bool { lhs.rawValue < rhs.rawValue }
}
