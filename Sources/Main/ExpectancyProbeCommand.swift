import ArgumentParser
import HedgeCore

/// `hedge probe expectancy --trades FILE [--min-samples N]`: the expectancy table of a
/// trades.jsonl. Exit 0 (an empty file gives `sample_count` 0), 2 on a bad line (`FILE:LINE:`).
struct ExpectancyProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expectancy",
        abstract: "Bucket closed trades by symbol × UTC hour × regime: prints {sample_count, min_sample_size, buckets}."
    )

    @Option(help: "trades.jsonl: one ClosedTrade per line (docs/intel.md).")
    var trades: String

    @Option(name: .customLong("min-samples"), help: "Trades a bucket needs to leave warm-up.")
    var minSamples: Int = ExpectancySnapshot.defaultMinSampleSize

    func validate() throws {
        guard minSamples >= 1 else { throw ValidationError("--min-samples must be ≥ 1, got \(minSamples)") }
    }

    func run() throws {
        let records = try readLines(ClosedTrade.self, path: trades, command: "expectancy")
        print(try JSONOutput.encode(ExpectancySnapshot.build(trades: records, minSampleSize: minSamples)))
    }
}

/// Reads a JSONL probe input, turning a bad file or line into the probe's one-line error on
/// stderr and exit 2.
func readLines<T: Decodable>(_ type: T.Type, path: String, command: String) throws -> [T] {
    do {
        return try JSONLines.read(type, path: path)
    } catch {
        printError("hedge probe \(command): \(error)")
        throw ExitStatus.badInput
    }
}
