extension KeyedDecodingContainer {
    /// An ISO 8601 UTC time string at `key` as epoch milliseconds, with the same error wording
    /// as `ClosedTrade` so every JSONL reader reports a bad time alike.
    func decodeUTCTime(forKey key: Key) throws -> Int64 {
        let text = try decode(String.self, forKey: key)
        guard let ms = UTCTime.parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self,
                                                   debugDescription: "expected ISO 8601 UTC time like 2024-03-01T13:05:00Z, got \"\(text)\"")
        }
        return ms
    }
}
