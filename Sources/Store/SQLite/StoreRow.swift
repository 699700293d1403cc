import Foundation
import GRDB
import HedgeCore

/// Typed, throwing reads of one row: a value that is missing, of the wrong type or not what it
/// should be (a hand-edited file, a corrupt page) is a `StoreError.unreadable` naming the table
/// and column, never a trap.
struct StoreRow {
    let row: Row
    let table: String
    let path: String

    private func fail(_ column: String, _ reason: String) -> StoreError {
        .unreadable(path: path, what: "\(table).\(column)", reason: reason)
    }

    func string(_ column: String) throws(StoreError) -> String {
        guard let value = try optionalString(column) else { throw fail(column, "missing") }
        return value
    }

    func optionalString(_ column: String) throws(StoreError) -> String? {
        do {
            return try row.decode(String?.self, forColumn: column)
        } catch {
            throw fail(column, "not text")
        }
    }

    func int64(_ column: String) throws(StoreError) -> Int64 {
        guard let value = try optionalInt64(column) else { throw fail(column, "missing") }
        return value
    }

    func optionalInt64(_ column: String) throws(StoreError) -> Int64? {
        do {
            return try row.decode(Int64?.self, forColumn: column)
        } catch {
            throw fail(column, "not an integer")
        }
    }

    func bool(_ column: String) throws(StoreError) -> Bool { try int64(column) != 0 }

    func double(_ column: String) throws(StoreError) -> Double {
        do {
            guard let value = try row.decode(Double?.self, forColumn: column) else { throw fail(column, "missing") }
            return value
        } catch let error as StoreError {
            throw error
        } catch {
            throw fail(column, "not a number")
        }
    }

    func decimal(_ column: String) throws(StoreError) -> Decimal {
        let text = try string(column)
        guard let value = Decimal(venueString: text) else { throw fail(column, "not a decimal: \(text.prefix(40))") }
        return value
    }

    func optionalDecimal(_ column: String) throws(StoreError) -> Decimal? {
        guard let text = try optionalString(column) else { return nil }
        guard let value = Decimal(venueString: text) else { throw fail(column, "not a decimal: \(text.prefix(40))") }
        return value
    }

    func choice<T: RawRepresentable>(_ column: String, as type: T.Type) throws(StoreError) -> T where T.RawValue == String {
        let text = try string(column)
        guard let value = T(rawValue: text) else { throw fail(column, "unknown value \"\(text.prefix(40))\"") }
        return value
    }

    func optionalChoice<T: RawRepresentable>(_ column: String, as type: T.Type) throws(StoreError) -> T? where T.RawValue == String {
        guard let text = try optionalString(column) else { return nil }
        guard let value = T(rawValue: text) else { throw fail(column, "unknown value \"\(text.prefix(40))\"") }
        return value
    }

    func json<T: Decodable>(_ column: String, as type: T.Type) throws(StoreError) -> T {
        let text = try string(column)
        do {
            let decoder = JSONDecoder()
            // Non-finite numbers are stored as JSONOutput writes them.
            decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            return try decoder.decode(T.self, from: Data(text.utf8))
        } catch let error as DecodingError {
            throw fail(column, error.problemDescription)
        } catch {
            throw fail(column, "\(error)")
        }
    }
}
