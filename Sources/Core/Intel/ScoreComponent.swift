/// One component of a symbol score as the report shows it: the raw value (nil without data),
/// its mapped score in [0, 1] (0.5 without data) and its weight.
///
/// JSON: `{"value": 12.5 | null, "score": 0.75, "weight": 0.35}`.
public struct ScoreComponent: Sendable, Hashable, Codable {
    public var value: Double?
    public var score: Double
    public var weight: Double

    public init(value: Double?, score: Double, weight: Double) {
        self.value = value
        self.score = score
        self.weight = weight
    }

    enum CodingKeys: String, CodingKey { case value, score, weight }

    // `value` is written as null rather than left out, so every report has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(value, forKey: .value)
        try c.encode(score, forKey: .score)
        try c.encode(weight, forKey: .weight)
    }
}
