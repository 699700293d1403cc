import Foundation
import HedgeCore

/// The configuration a soak's daemons run on when `--trades-per-hour` is given: a copy of the
/// config directory in the soak's own directory, with `risk_limits.json` `global.max_trades_per_hour`
/// raised (and `max_trades_per_day` to at least 24 times it). The shipped limits stop entries
/// after a handful of trades, so a long soak would spend most of its time flat and its kills
/// would rarely land among orders; the copy leaves the operator's files untouched.
enum SoakConfigCopy {
    /// Copies the four files of `source` into `directory` (created) with the limits changed, and
    /// returns the copy's absolute path.
    static func make(from source: String, into directory: String, tradesPerHour: Int) throws -> String {
        let files = FileManager.default
        try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for file in HedgeConfig.File.allCases where file != .riskLimits {
            let target = "\(directory)/\(file.rawValue)"
            if files.fileExists(atPath: target) { try files.removeItem(atPath: target) }
            try files.copyItem(atPath: "\(source)/\(file.rawValue)", toPath: target)
        }
        let limitsPath = "\(source)/\(HedgeConfig.File.riskLimits.rawValue)"
        let data = try Data(contentsOf: URL(fileURLWithPath: limitsPath))
        guard var limits = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              var global = limits["global"] as? [String: Any] else {
            throw CLIError("\(limitsPath): expected an object with a \"global\" object")
        }
        global["max_trades_per_hour"] = tradesPerHour
        let perDay = global["max_trades_per_day"] as? Int ?? 0
        global["max_trades_per_day"] = max(perDay, 24 * tradesPerHour)
        limits["global"] = global
        let patched = try JSONSerialization.data(withJSONObject: limits, options: [.prettyPrinted, .sortedKeys])
        try patched.write(to: URL(fileURLWithPath: "\(directory)/\(HedgeConfig.File.riskLimits.rawValue)"), options: .atomic)
        return URL(fileURLWithPath: directory).standardizedFileURL.path
    }
}
