import ArgumentParser
import HedgeCore
import HedgeVenueServer

/// The files a loopback venue is built from, read the same way by `hedge venue-server` and
/// `hedge soak`: a fault profile is a config file (every problem printed, exit 78), bar data an
/// input file (exit 2).
enum LoopbackOptions {
    static func faults(path: String?, command: String) throws -> LoopbackFaults {
        guard let path else { return .none }
        do {
            return try LoopbackFaults.load(path: path)
        } catch {
            for problem in error.problems { printError(problem.description) }
            throw ExitStatus.configError
        }
    }

    static func dataSet(path: String, command: String) throws -> MarketDataSet {
        do {
            return try MarketDataSet.open(path: path)
        } catch {
            printError("\(command): --data \(path): \(error)")
            throw ExitStatus.badInput
        }
    }
}
