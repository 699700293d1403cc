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
            throw InputFileError(file: path, reason: error.problemDescription)
        } catch {
            throw InputFileError(file: path, reason: String(describing: error))
        }
    }
}
