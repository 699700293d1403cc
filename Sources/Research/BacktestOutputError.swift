/// A backtest output file or directory that could not be written.
public enum BacktestOutputError: Error, Sendable, CustomStringConvertible {
    /// `path` could not be created or written; `reason` is the system's word for why.
    case unwritable(path: String, reason: String)

    /// `out/equity.csv: No space left on device`.
    public var description: String {
        switch self {
        case .unwritable(let path, let reason): "\(path): \(reason)"
        }
    }
}
