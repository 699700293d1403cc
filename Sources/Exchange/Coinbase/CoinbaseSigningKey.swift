import Crypto
import Foundation

/// The private half of a CDP API key: EC P-256 (JWT `alg` ES256, the default CDP key, PEM) or
/// Ed25519 (`alg` EdDSA, base64 of the 32-byte seed or of seed and public key, 64 bytes).
public enum CoinbaseSigningKey: Sendable {
    case es256(P256.Signing.PrivateKey)
    case ed25519(Curve25519.Signing.PrivateKey)

    /// The JWT header's `alg`.
    public var algorithm: String {
        switch self {
        case .es256: "ES256"
        case .ed25519: "EdDSA"
        }
    }

    /// The matching public key, for the loopback venue's verifier.
    public var publicKey: CoinbasePublicKey {
        switch self {
        case .es256(let key): .es256(key.publicKey)
        case .ed25519(let key): .ed25519(key.publicKey)
        }
    }

    /// Reads `secret` as CDP hands it out: a PEM EC key (SEC1 `EC PRIVATE KEY` or PKCS#8; `\n`
    /// written as the two characters `\` `n`, as in an environment variable, is accepted), or
    /// base64 Ed25519 key material. The error says which forms were tried, never the secret.
    public init(secret: String) throws(CredentialsError) {
        let text = secret.replacingOccurrences(of: "\\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("-----BEGIN") {
            guard let key = try? P256.Signing.PrivateKey(pemRepresentation: text) else {
                throw .incomplete("the API secret is a PEM block but not an EC P-256 private key")
            }
            self = .es256(key)
            return
        }
        guard let raw = Data(base64Encoded: text), raw.count == 32 || raw.count == 64,
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw.prefix(32)) else {
            throw .incomplete("the API secret is neither an EC private key in PEM nor a base64 Ed25519 key (32 or 64 bytes)")
        }
        if raw.count == 64, key.publicKey.rawRepresentation != raw.suffix(32) {
            throw .incomplete("the Ed25519 API secret's public half does not match its seed")
        }
        self = .ed25519(key)
    }

    /// The signature of `input` as JWS wants it: raw `r || s` for ES256 (not DER), 64 bytes for EdDSA.
    func sign(_ input: Data) throws -> Data {
        switch self {
        case .es256(let key): try key.signature(for: input).rawRepresentation
        case .ed25519(let key): try key.signature(for: input)
        }
    }
}

/// The public half of a CDP API key: what the loopback venue verifies JWTs with.
public enum CoinbasePublicKey: Sendable {
    case es256(P256.Signing.PublicKey)
    case ed25519(Curve25519.Signing.PublicKey)

    var algorithm: String {
        switch self {
        case .es256: "ES256"
        case .ed25519: "EdDSA"
        }
    }

    /// Whether `signature` (JWS form) signs `input`.
    func isValid(_ signature: Data, for input: Data) -> Bool {
        switch self {
        case .es256(let key):
            guard let parsed = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return key.isValidSignature(parsed, for: input)
        case .ed25519(let key):
            return key.isValidSignature(signature, for: input)
        }
    }
}
