import Foundation

/// The Binance samples copied from `../shared/data/exchange/binance_usdm` (see its SOURCES.md):
/// Binance's documentation examples and real captures.
enum BinanceFixtures {
    /// The repository root (for files the project ships, such as `ops/faults/soak.json`).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/binance")

    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(relativePath))
    }
}
