import Foundation

/// The API key pair. Read from `BINANCE_API_KEY` / `BINANCE_API_SECRET`, or from a secrets file
/// that only its owner can read. The secret is never printed: `description` redacts both values,
/// and errors name the variable or file, never its content.
public struct BinanceCredentials: Sendable, CustomStringConvertible {
    public let apiKey: String
    let secret: String

    public init(apiKey: String, secret: String) {
        self.apiKey = apiKey
        self.secret = secret
    }

    public static let apiKeyVariable = "BINANCE_API_KEY"
    public static let apiSecretVariable = "BINANCE_API_SECRET"

    /// The signer for this secret.
    public var signer: BinanceSigner { BinanceSigner(secret: secret) }

    public var description: String { "BinanceCredentials(apiKey: \(Self.masked(apiKey)), secret: <redacted>)" }

    /// The key with all but its last four characters hidden, for doctor output.
    public static func masked(_ key: String) -> String {
        key.count <= 4 ? "****" : "****" + key.suffix(4)
    }

    /// The credentials from the environment, else from `secretsFile`; nil when neither has them.
    /// Throws when they are half there (one variable without the other) or the file is unsafe or
    /// unreadable.
    public static func load(environment: [String: String], secretsFile: String?) throws(CredentialsError) -> BinanceCredentials? {
        let key = environment[apiKeyVariable].flatMap { $0.isEmpty ? nil : $0 }
        let secret = environment[apiSecretVariable].flatMap { $0.isEmpty ? nil : $0 }
        switch (key, secret) {
        case let (key?, secret?):
            return BinanceCredentials(apiKey: key, secret: secret)
        case (.some, nil):
            throw .incomplete("\(apiKeyVariable) is set but \(apiSecretVariable) is not")
        case (nil, .some):
            throw .incomplete("\(apiSecretVariable) is set but \(apiKeyVariable) is not")
        case (nil, nil):
            guard let secretsFile else { return nil }
            return try load(file: secretsFile)
        }
    }

    /// Reads `KEY=value` lines (blank lines and `#` comments ignored) from `path`, which must not
    /// be readable or writable by group or others (mode 0600 or 0400).
    public static func load(file path: String) throws(CredentialsError) -> BinanceCredentials {
        guard let text = String(data: try OwnerOnlyFile.read(path), encoding: .utf8) else {
            throw .unreadable(path: path, reason: "it is not readable UTF-8 text")
        }
        var values: [String: String] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw .unreadable(path: path, reason: "line \(index + 1) is not KEY=value")
            }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.first == value.last, value.first == "\"" || value.first == "'" {
                value = String(value.dropFirst().dropLast())
            }
            values[name.hasPrefix("export ") ? String(name.dropFirst(7)).trimmingCharacters(in: .whitespaces) : name] = value
        }
        guard let key = values[apiKeyVariable], !key.isEmpty else {
            throw .unreadable(path: path, reason: "it has no \(apiKeyVariable) line")
        }
        guard let secret = values[apiSecretVariable], !secret.isEmpty else {
            throw .unreadable(path: path, reason: "it has no \(apiSecretVariable) line")
        }
        return BinanceCredentials(apiKey: key, secret: secret)
    }
}

/// Why the credentials could not be loaded. Never carries a key or secret.
public enum CredentialsError: Error, Sendable, Equatable, CustomStringConvertible {
    case incomplete(String)
    case unreadable(path: String, reason: String)
    case unsafePermissions(path: String, mode: String)

    public var description: String {
        switch self {
        case .incomplete(let message): "credentials incomplete: \(message)"
        case .unreadable(let path, let reason): "secrets file \(path) unusable: \(reason)"
        case .unsafePermissions(let path, let mode):
            "secrets file \(path) has mode \(mode): it must not be readable by group or others (chmod 600 \(path))"
        }
    }
}
