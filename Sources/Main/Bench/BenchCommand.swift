import ArgumentParser

/// `hedge bench …`: speed measurements that print their figures (never run in CI; build with
/// `-c release`).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks (run with swift run -c release).",
        subcommands: [BacktestBenchCommand.self, MeshBenchCommand.self, StoreBenchCommand.self]
    )
}
