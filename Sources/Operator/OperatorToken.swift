import Crypto
import Foundation

/// The operator's bearer token for mutating routes: from `HEDGE_OPERATOR_TOKEN`, else from an
/// owner-only token file. Without one every mutating route answers 403. The token is compared in
/// constant time (SHA-256 of both, then a comparison that does not stop at the first difference)
/// and never logged or echoed.
public struct OperatorToken: Sendable {
    private let digest: SHA256.Digest

    public init?(_ token: String) {
        let trimmed = token.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        digest = SHA256.hash(data: Data(trimmed.utf8))
    }

    /// Why a token file was refused.
    public struct FileError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The token from the environment, else from `file` (which must be readable by its owner
    /// only); nil when neither is configured.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment,
                            file: String?) throws(FileError) -> OperatorToken? {
        if let value = environment["HEDGE_OPERATOR_TOKEN"], let token = OperatorToken(value) { return token }
        guard let file, FileManager.default.fileExists(atPath: file) else { return nil }
        let attributes = try? FileManager.default.attributesOfItem(atPath: file)
        if let mode = (attributes?[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            throw FileError(description: "operator token file \(file) is readable by others (mode \(String(mode, radix: 8))); chmod 600 it")
        }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8), let token = OperatorToken(text) else {
            throw FileError(description: "operator token file \(file) cannot be read or is empty")
        }
        return token
    }

    /// Whether `header` (an `Authorization` value) carries this token as `Bearer <token>`.
    public func accepts(authorization header: String?) -> Bool {
        guard let header, header.hasPrefix("Bearer ") else { return false }
        let offered = SHA256.hash(data: Data(header.dropFirst("Bearer ".count).utf8))
        var difference: UInt8 = 0
        for (a, b) in zip(digest, offered) { difference |= a ^ b }
        return difference == 0
    }
}
