/// The funding settlements of one symbol, oldest first, loaded whole from
/// `SYMBOL-funding.csv` (`funding_time_ms,funding_rate`) or `SYMBOL-funding-raw.csv`
/// (`funding_time_ms,funding_interval_hours,funding_rate`): columns are found by header name and
/// extra ones ignored. A year of 8-hour funding is about 1,100 rows, so loading it fully is fine.
///
/// Guarantees: times strictly increase; every rate is finite with |rate| < 1. Value type.
public struct FundingSeries: Sendable, Hashable {
    public var symbol: String
    /// The file it was loaded from, as the operator named it (empty when built in memory).
    public var file: String
    /// Settlements in strictly increasing time order.
    public private(set) var rates: [FundingRate]

    /// A series from values already checked by the caller; `rates` must be sorted by time.
    public init(symbol: String, file: String = "", rates: [FundingRate]) {
        self.symbol = symbol
        self.file = file
        self.rates = rates
    }

    /// The latest settlement at or before `timeMs`, or nil before the first one.
    public func latest(atOrBeforeMs timeMs: Int64) -> FundingRate? {
        let index = firstIndex(afterMs: timeMs)
        return index > 0 ? rates[index - 1] : nil
    }

    /// The settlements with `fromMs <= timeMs < toMs`.
    public func rates(fromMs: Int64, toMs: Int64) -> ArraySlice<FundingRate> {
        guard fromMs < toMs else { return [] }
        return rates[firstIndex(afterMs: fromMs - 1)..<firstIndex(afterMs: toMs - 1)]
    }

    /// Index of the first settlement strictly after `timeMs` (binary search).
    private func firstIndex(afterMs timeMs: Int64) -> Int {
        var low = 0
        var high = rates.count
        while low < high {
            let middle = (low + high) / 2
            if rates[middle].timeMs <= timeMs { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Loads and checks a funding file; `symbol` defaults to the part of its name before the
    /// first `-`. Errors name the file and line.
    public static func load(path: String, symbol: String? = nil) throws(MarketDataError) -> FundingSeries {
        let source = try CSVLineSource(path: path, chunkSizeBytes: 65_536)
        guard let header = try source.nextLine() else {
            throw MarketDataError(file: path, line: 1, reason: "empty file: no header line")
        }
        var headerText = String(decoding: header, as: UTF8.self)
        if headerText.hasPrefix("\u{FEFF}") { headerText.removeFirst() }
        let names = headerText.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let missing = ["funding_time_ms", "funding_rate"].filter { !names.contains($0) }
        guard missing.isEmpty, let timeColumn = names.firstIndex(of: "funding_time_ms"), let rateColumn = names.firstIndex(of: "funding_rate") else {
            throw MarketDataError(file: path, line: 1, reason: "missing required column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) (header: \(headerText))")
        }
        var rates: [FundingRate] = []
        var previousLine = 0
        while let line = try source.nextLine() {
            if line.isEmpty { continue }
            let lineNumber = source.lineNumber
            let fields = line.split(separator: 44, omittingEmptySubsequences: false)
            guard fields.count == names.count else {
                throw MarketDataError(file: path, line: lineNumber, reason: "\(fields.count) fields, header has \(names.count)")
            }
            let timeField = UnsafeBufferPointer(rebasing: fields[timeColumn])
            let rateField = UnsafeBufferPointer(rebasing: fields[rateColumn])
            guard let timeMs = CSVNumber.parseInt64(timeField) else {
                throw MarketDataError(file: path, line: lineNumber, reason: "malformed funding_time_ms \"\(CSVNumber.text(timeField))\"")
            }
            guard let rate = CSVNumber.parseDouble(rateField) else {
                throw MarketDataError(file: path, line: lineNumber, reason: "malformed number in column funding_rate: \"\(CSVNumber.text(rateField))\"")
            }
            // A rate of 100 % per settlement is not funding; it is a unit mistake (percent or bps).
            guard abs(rate) < 1 else {
                throw MarketDataError(file: path, line: lineNumber, reason: "funding_rate \(CSVNumber.text(rateField)) is not a fraction with |rate| < 1")
            }
            if let last = rates.last, timeMs <= last.timeMs {
                let what = timeMs == last.timeMs ? "duplicate funding_time_ms \(timeMs)" : "funding_time_ms \(timeMs) is before the previous row's \(last.timeMs)"
                throw MarketDataError(file: path, line: lineNumber, reason: "\(what) (line \(previousLine))")
            }
            rates.append(FundingRate(timeMs: timeMs, rate: rate))
            previousLine = lineNumber
        }
        return FundingSeries(symbol: symbol ?? MarketDataFile(path: path)?.symbol ?? path, file: path, rates: rates)
    }
}
