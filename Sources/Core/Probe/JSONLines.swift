import Foundation

/// Reads JSON Lines files (`trades.jsonl`, `order_metrics.jsonl`, `pipeline_v6_shadow.jsonl`,
/// `orders_executed.jsonl`): one JSON value per line, decoded as `T`.
///
/// Blank lines (empty or whitespace only) are skipped, so an empty file or one that ends in a
/// newline is simply zero records. The first line that does not decode stops the read with an
/// `InputFileError` whose file is `FILE:LINE` (1-based), e.g.
/// `logs/trades.jsonl:7: pnl_usd: missing`: the operator can open the exact line.
public enum JSONLines {
    /// Decodes every non-blank line of `data`; `file` names the source in errors.
    public static func decode<T: Decodable>(_ type: T.Type, data: Data, file: String) throws(InputFileError) -> [T] {
        let decoder = JSONDecoder()
        var records: [T] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            // Bytes other than ASCII whitespace mean content; "\r" covers CRLF files.
            guard line.contains(where: { !isASCIIWhitespace($0) }) else { continue }
            do {
                records.append(try decoder.decode(T.self, from: Data(line)))
            } catch let error as DecodingError {
                throw InputFileError(file: "\(file):\(lineNumber)", reason: error.problemDescription)
            } catch {
                throw InputFileError(file: "\(file):\(lineNumber)", reason: String(describing: error))
            }
        }
        return records
    }

    /// Reads the file at `path` and decodes it line by line (for the CLI; the core never reads
    /// files itself). A missing or unreadable file is an `InputFileError` naming it.
    public static func read<T: Decodable>(_ type: T.Type, path: String) throws(InputFileError) -> [T] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputFileError(file: path, reason: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "file not found")
        }
        return try decode(type, data: data, file: path)
    }

    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }
}
