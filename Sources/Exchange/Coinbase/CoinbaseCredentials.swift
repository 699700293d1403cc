import Crypto
import Foundation

/// A CDP API key: its name (`organizations/{org}/apiKeys/{id}`, the JWT's `kid` and `sub`) and its
/// private key. From `COINBASE_API_KEY` / `COINBASE_API_SECRET` (the names Coinbase's SDK reads),
/// or from the JSON key file CDP downloads (`{"name": …, "privateKey": …}`), which only its owner
/// may read. The private key is never printed: `description` shows the key name's last four
/// characters only.
public struct CoinbaseCredentials: Sendable, CustomStringConvertible {
    public let keyName: String
    let key: CoinbaseSigningKey

    public init(keyName: String, key: CoinbaseSigningKey) {
        self.keyName = keyName
        self.key = key
    }

    /// A fresh EC P-256 key named `keyName`: what a soak's loopback venue and its daemons share
    /// for one run.
    public static func generated(keyName: String) -> CoinbaseCredentials {
        CoinbaseCredentials(keyName: keyName, key: .es256(P256.Signing.PrivateKey()))
    }

    public static let apiKeyVariable = "COINBASE_API_KEY"
    public static let apiSecretVariable = "COINBASE_API_SECRET"

    /// The private key as `COINBASE_API_SECRET` carries it (PEM for ES256, base64 seed for
    /// Ed25519): how `hedge soak` hands the key it made for one run to its `hedge run` children.
    /// A secret: never logged or printed.
    public var privateKeyPEM: String {
        switch key {
        case .es256(let key): key.pemRepresentation
        case .ed25519(let key): key.rawRepresentation.base64EncodedString()
        }
    }

    /// The key's public half (what the loopback venue verifies with).
    public var publicKey: CoinbasePublicKey { key.publicKey }

    /// Signs this key's JWTs.
    public var signer: CoinbaseJWTSigner { CoinbaseJWTSigner(keyName: keyName, key: key) }

    public var description: String {
        "CoinbaseCredentials(keyName: \(BinanceCredentials.masked(keyName)), \(key.algorithm) key: <redacted>)"
    }

    /// The credentials from the environment, else from `keyFile`; nil when neither has them.
    /// Throws when they are half there, unreadable, or not a key.
    public static func load(environment: [String: String], keyFile: String?) throws(CredentialsError) -> CoinbaseCredentials? {
        let name = environment[apiKeyVariable].flatMap { $0.isEmpty ? nil : $0 }
        let secret = environment[apiSecretVariable].flatMap { $0.isEmpty ? nil : $0 }
        switch (name, secret) {
        case let (name?, secret?):
            return CoinbaseCredentials(keyName: name, key: try CoinbaseSigningKey(secret: secret))
        case (.some, nil):
            throw .incomplete("\(apiKeyVariable) is set but \(apiSecretVariable) is not")
        case (nil, .some):
            throw .incomplete("\(apiSecretVariable) is set but \(apiKeyVariable) is not")
        case (nil, nil):
            guard let keyFile else { return nil }
            return try load(file: keyFile)
        }
    }

    /// Reads a CDP key file: JSON with the key's name (`name`, or `id` in Ed25519 downloads) and
    /// `privateKey`.
    public static func load(file path: String) throws(CredentialsError) -> CoinbaseCredentials {
        let data = try OwnerOnlyFile.read(path)
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw .unreadable(path: path, reason: "it is not a JSON object (expected the CDP key file: {\"name\": …, \"privateKey\": …})")
        }
        guard let name = (object["name"] as? String) ?? (object["id"] as? String), !name.isEmpty else {
            throw .unreadable(path: path, reason: "it has no \"name\" (the API key name organizations/…/apiKeys/…)")
        }
        guard let secret = object["privateKey"] as? String, !secret.isEmpty else {
            throw .unreadable(path: path, reason: "it has no \"privateKey\"")
        }
        do {
            return CoinbaseCredentials(keyName: name, key: try CoinbaseSigningKey(secret: secret))
        } catch {
            throw .unreadable(path: path, reason: "\"privateKey\" is unusable: \(error.description.replacingOccurrences(of: "credentials incomplete: ", with: ""))")
        }
    }
}
