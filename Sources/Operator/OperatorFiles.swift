import Foundation
import HedgeActors
import HedgeCore

/// What the operator API reads from disk: state files by their known names only, and the tails
/// of the order and veto logs. No path from a request reaches the filesystem: a state name is
/// looked up among `StateFileName`'s cases and only its own file is opened.
struct OperatorFiles: Sendable {
    let directories: DaemonDirectories

    /// The state file called `name` (without `.json`), nil for a name that is not one.
    func state(named name: String) -> Data? {
        guard let file = StateFileName.allCases.first(where: { $0.rawValue == name }) else { return nil }
        return FileManager.default.contents(atPath: "\(directories.state)/\(file.rawValue).json")
    }

    /// When the state file called `name` was last written, nil when it does not exist.
    func stateModified(named name: String) -> Date? {
        guard let file = StateFileName.allCases.first(where: { $0.rawValue == name }) else { return nil }
        return (try? FileManager.default.attributesOfItem(atPath: "\(directories.state)/\(file.rawValue).json"))?[.modificationDate] as? Date
    }

    /// Each state file's age against its job's interval (`GET /api/freshness`, the dashboard's
    /// freshness panel): stale when older than twice the interval, or missing.
    func freshness(intervals: TimerIntervals, now: Date = Date()) -> [[String: any Sendable]] {
        StateFileName.allCases.sorted { $0.rawValue < $1.rawValue }.map { file in
            let interval = Self.interval(of: file, in: intervals)
            let modified = stateModified(named: file.rawValue)
            let age = modified.map { max(0, now.timeIntervalSince($0)) }
            var entry: [String: any Sendable] = ["file": file.rawValue, "interval_s": interval, "stale": age.map { $0 > 2 * interval } ?? true]
            if let age { entry["age_s"] = (age * 10).rounded() / 10 }
            return entry
        }
    }

    /// The interval of the job that writes `file`, seconds.
    static func interval(of file: StateFileName, in intervals: TimerIntervals) -> Double {
        let duration: Duration = switch file {
        case .nav, .positions: intervals.nav
        case .riskSnapshot: intervals.riskSnapshot
        case .routerHealth: intervals.routerHealth
        case .universe: intervals.universe
        case .expectancy, .symbolScores, .routerPolicySuggestions, .riskAllocationSuggestions: intervals.intel
        case .shadowHead: intervals.shadowHeartbeat
        case .compareSummary: intervals.compare
        case .runtimeProbe, .syncedState: intervals.syncedState
        }
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// The state files' names.
    var stateNames: [String] { StateFileName.allCases.map(\.rawValue).sorted() }

    /// The last `limit` lines of the order log (ACK, FILL, CLOSE), oldest first.
    func orders(limit: Int) -> [String] {
        Array(lines(of: TelemetryLog.ordersExecuted.rawValue).suffix(limit))
    }

    /// The veto lines stamped at or after `sinceMs` (all with nil), oldest first.
    func vetoes(sinceMs: Int64?) -> [String] {
        let all = lines(of: TelemetryLog.riskVetoes.rawValue)
        guard let sinceMs else { return all }
        return all.filter { line in
            guard let range = line.range(of: #""time":""#) else { return false }
            let stamp = line[range.upperBound...].prefix { $0 != "\"" }
            return (UTCTime.parse(String(stamp)) ?? .min) >= sinceMs
        }
    }

    private func lines(of log: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: "\(directories.logs)/\(log)") else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
