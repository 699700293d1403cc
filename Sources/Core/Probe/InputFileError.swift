import Foundation

/// A probe or command input file that could not be used, with the file and the reason in words
/// an operator can act on (`intent.json: gross_usd: missing`).
public struct InputFileError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): \(reason)" }

    /// Reads and decodes `path` as `T`, turning every failure into an `InputFileError`.
    public static func decode<T: Decodable>(_ type: T.Type, path: String) throws(InputFileError) -> T {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputFileError(file: path, reason: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "file not found")
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw InputFileError(file: path, reason: describe(error))
        } catch {
            throw InputFileError(file: path, reason: String(describing: error))
        }
    }

    /// `gross_usd: missing`, `side: expected BUY or SELL …`, `invalid JSON: …`.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                let underlying = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
                return "invalid JSON: \(underlying ?? context.debugDescription)"
            }
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return String(describing: error)
        }
    }
}
