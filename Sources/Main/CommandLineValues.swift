import ArgumentParser
import HedgeCore
import Logging

// The values options take, parsed by the argument parser: a wrong one is refused with the list
// of valid ones (exit 64, EX_USAGE) before the command runs.

extension RunMode: ExpressibleByArgument {}
extension VenueKind: ExpressibleByArgument {}
extension PositionMode: ExpressibleByArgument {}
extension FillModel: ExpressibleByArgument {}
extension Logger.Level: @retroactive ExpressibleByArgument {}

/// How the daemon writes its log lines on stderr.
enum LogFormat: String, CaseIterable, ExpressibleByArgument {
    /// swift-log's `StreamLogHandler` lines, for a terminal and journald.
    case text
    /// One JSON object per line (`JSONLogHandler`), for log shippers.
    case json
}
