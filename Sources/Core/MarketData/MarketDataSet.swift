import Foundation

/// The market data behind one `--data PATH` argument: which bar file serves each symbol, the
/// funding series found next to them, and the time range and gap policy to read them with.
///
/// Opening discovers files and checks every header (so a missing column fails at start, not
/// hours into a backtest) and loads funding, but reads no bars: `makeStream()` does that, fresh
/// and from the start each time it is called. Value type; `Sendable`, so one set can feed several
/// backtests, each with its own stream.
public struct MarketDataSet: Sendable, Hashable {
    /// The `--data` argument as given.
    public var path: String
    /// Selected symbols, sorted.
    public var symbols: [String]
    /// One bar file per selected symbol, in `symbols` order.
    public var files: [MarketDataFile]
    /// Funding series by symbol, for the selected symbols that have a funding file.
    public var funding: [String: FundingSeries]
    /// How every bar file is read (the interval comes from each file name).
    public var configuration: BarFileReader.Configuration

    /// A set from files chosen by the caller (tests, a command that lists files itself); `open`
    /// is the discovering way. Files are sorted by symbol; headers are not checked here.
    public init(path: String, files: [MarketDataFile], funding: [String: FundingSeries], configuration: BarFileReader.Configuration) {
        self.path = path
        self.files = files.sorted { ($0.symbol, $0.path) < ($1.symbol, $1.path) }
        symbols = self.files.map(\.symbol)
        self.funding = funding
        self.configuration = configuration
    }

    /// Discovers the bar files of `path`: a single bar file, or a directory holding one bar CSV per
    /// symbol (`SYMBOL-<interval>.csv`; non-CSV files are ignored). A single file is read whatever
    /// its name: its symbol is the one `symbols` names, else the part of its name before the first
    /// `-` (`BTCUSDT-1m.csv` → BTCUSDT, `BTCUSDT_1m_1000000.csv` → BTCUSDT_1m_1000000). Funding for each symbol comes
    /// from `SYMBOL-funding.csv` (or `-funding-raw.csv`) in the same directory, in its `funding/`
    /// subdirectory, or in a sibling `funding/` directory (`data/demo/1h` → `data/demo/funding`),
    /// first found wins; a symbol without one has no funding.
    ///
    /// - Parameters:
    ///   - symbols: the symbols to keep (case-insensitive); nil or empty keeps all. Naming a
    ///     symbol that has no file is an error.
    ///   - fromMs: first bar open time to read, UTC epoch ms (inclusive).
    ///   - toMs: open time to stop at, UTC epoch ms (exclusive).
    ///   - strict: gaps are errors instead of warnings.
    public static func open(path: String, symbols: [String]? = nil, fromMs: Int64? = nil, toMs: Int64? = nil, strict: Bool = false) throws(MarketDataError) -> MarketDataSet {
        if let fromMs, let toMs, fromMs >= toMs {
            throw MarketDataError(file: path, line: 0, reason: "empty time range: from \(UTCTime.iso8601(ms: fromMs)) is not before to \(UTCTime.iso8601(ms: toMs))")
        }
        let (directory, found, isSingleFile) = try discoverBarFiles(path: path)
        var selected = found
        if isSingleFile, let symbols, !symbols.isEmpty, let file = found.first {
            // One file given explicitly holds one symbol: the one the operator names.
            guard symbols.count == 1, let symbol = symbols.first?.uppercased(), !symbol.isEmpty else {
                throw MarketDataError(file: path, line: 0, reason: "one bar file holds one symbol; --symbols names \(symbols.count): \(symbols.joined(separator: ", "))")
            }
            selected = [MarketDataFile(path: file.path, symbol: symbol, kind: .bars, barIntervalMs: file.barIntervalMs)]
        } else if let symbols, !symbols.isEmpty {
            let wanted = Set(symbols.map { $0.uppercased() })
            let available = Set(found.map { $0.symbol.uppercased() })
            let unknown = wanted.subtracting(available).sorted()
            guard unknown.isEmpty else {
                throw MarketDataError(file: path, line: 0, reason: "no bar file for \(unknown.joined(separator: ", ")) (available: \(found.map(\.symbol).joined(separator: ", ")))")
            }
            selected = found.filter { wanted.contains($0.symbol.uppercased()) }
        }
        let configuration = BarFileReader.Configuration(strict: strict, fromMs: fromMs, toMs: toMs)
        for file in selected {
            // Opening reads the header only: every missing column is reported before any bar.
            _ = try BarFileReader(path: file.path, symbol: file.symbol, configuration: configuration)
        }
        var funding: [String: FundingSeries] = [:]
        for file in selected {
            if let fundingPath = fundingPath(symbol: file.symbol, near: directory) {
                funding[file.symbol] = try FundingSeries.load(path: fundingPath, symbol: file.symbol)
            }
        }
        return MarketDataSet(path: path, files: selected, funding: funding, configuration: configuration)
    }

    /// A new stream over every selected file from its start, merged in time order.
    public func makeStream() throws(MarketDataError) -> MergedBarStream {
        var readers: [BarFileReader] = []
        for file in files {
            var configuration = configuration
            configuration.barIntervalMs = file.barIntervalMs
            readers.append(try BarFileReader(path: file.path, symbol: file.symbol, configuration: configuration))
        }
        return MergedBarStream(readers: readers)
    }

    /// The directory to look for funding in, and the bar files of `path`.
    private static func discoverBarFiles(path: String) throws(MarketDataError) -> (directory: String, files: [MarketDataFile], isSingleFile: Bool) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw MarketDataError(file: path, line: 0, reason: "not found")
        }
        guard isDirectory.boolValue else {
            let named = MarketDataFile(path: path)
            guard named?.kind != .funding else {
                throw MarketDataError(file: path, line: 0, reason: "is a funding file; --data needs bar files")
            }
            let stem = lastComponent(path).split(separator: ".").first.map(String.init) ?? lastComponent(path)
            let file = named ?? MarketDataFile(path: path, symbol: stem.split(separator: "-").first.map(String.init) ?? stem,
                                               kind: .bars, barIntervalMs: nil)
            return (parentDirectory(of: path), [file], true)
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        } catch {
            throw MarketDataError(file: path, line: 0, reason: "cannot list directory: \(error.localizedDescription)")
        }
        var bySymbol: [String: MarketDataFile] = [:]
        var subdirectories: [String] = []
        for name in names {
            let child = join(path, name)
            var childIsDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: child, isDirectory: &childIsDirectory), childIsDirectory.boolValue {
                if !name.hasPrefix(".") { subdirectories.append(name) }
                continue
            }
            guard let file = MarketDataFile(path: child), file.kind == .bars else { continue }
            if let other = bySymbol[file.symbol] {
                throw MarketDataError(file: path, line: 0, reason: "\(file.symbol) has several bar files: \(lastComponent(other.path)) and \(name); keep one interval per directory")
            }
            bySymbol[file.symbol] = file
        }
        guard !bySymbol.isEmpty else {
            let hint = subdirectories.isEmpty ? "" : "; subdirectories: \(subdirectories.joined(separator: ", "))"
            throw MarketDataError(file: path, line: 0, reason: "no bar files (SYMBOL-<interval>.csv)\(hint)")
        }
        return (path, bySymbol.values.sorted { $0.symbol < $1.symbol }, false)
    }

    /// The first existing funding file for `symbol`: same directory, then `funding/` inside it,
    /// then a sibling `funding/`; `-funding.csv` before `-funding-raw.csv` in each.
    private static func fundingPath(symbol: String, near directory: String) -> String? {
        let candidates = [directory, join(directory, "funding"), join(parentDirectory(of: directory), "funding")]
        for candidate in candidates {
            for suffix in ["-funding.csv", "-funding-raw.csv"] {
                let path = join(candidate, symbol + suffix)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    return path
                }
            }
        }
        return nil
    }

    /// Joins without normalising, so paths in messages stay the way the operator wrote them.
    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : "\(directory)/\(name)"
    }

    private static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// The directory containing `path` (`data/demo/1h` → `data/demo`, `1h` → `.`), spelled
    /// relative when `path` is; `.` and `..` go through the absolute path.
    private static func parentDirectory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        let last = trimmed.split(separator: "/").last ?? ""
        if last == "." || last == ".." || trimmed.isEmpty {
            return URL(fileURLWithPath: String(trimmed.isEmpty ? "." : trimmed)).standardizedFileURL.deletingLastPathComponent().path
        }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }
}
