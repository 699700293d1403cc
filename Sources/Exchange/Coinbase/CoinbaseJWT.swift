import Crypto
import Foundation

/// Makes the JWTs Coinbase Advanced Trade authenticates with: one per REST request, bound to that
/// request by the `uri` claim (`"GET api.coinbase.com/api/v3/brokerage/accounts"`: no scheme, no
/// query string) and valid for 120 s; WebSocket subscriptions carry one without `uri`.
///
/// Header `{"alg","kid","nonce","typ"}` (keys in that order, as PyJWT writes them), claims
/// `{"sub","iss":"cdp","nbf","exp","uri"}`; compact JWS with unpadded base64url.
public struct CoinbaseJWTSigner: Sendable {
    public let keyName: String
    let key: CoinbaseSigningKey

    /// How long a token is valid (Coinbase's SDK and documentation use 120 s).
    public static let lifetimeSeconds: Int64 = 120

    init(keyName: String, key: CoinbaseSigningKey) {
        self.keyName = keyName
        self.key = key
    }

    /// The `uri` claim of a REST request: method, host and path, no scheme and no query.
    public static func uri(method: String, host: String, path: String) -> String {
        "\(method) \(host)\(path)"
    }

    /// A token for `uri` (nil: a WebSocket token) valid from `nowSeconds`; `nonce` is a fresh
    /// random hex string unless a test fixes it.
    public func token(uri: String?, nowSeconds: Int64, nonce: String = CoinbaseJWTSigner.randomNonce()) throws(ExchangeError) -> String {
        let header = "{\"alg\":\(Self.json(key.algorithm)),\"kid\":\(Self.json(keyName)),\"nonce\":\(Self.json(nonce)),\"typ\":\"JWT\"}"
        var claims = "{\"sub\":\(Self.json(keyName)),\"iss\":\"cdp\",\"nbf\":\(nowSeconds),\"exp\":\(nowSeconds + Self.lifetimeSeconds)"
        if let uri { claims += ",\"uri\":\(Self.json(uri))" }
        claims += "}"
        let input = Base64URL.encode(Data(header.utf8)) + "." + Base64URL.encode(Data(claims.utf8))
        do {
            return input + "." + Base64URL.encode(try key.sign(Data(input.utf8)))
        } catch {
            throw .unauthorized("signing the request's JWT failed (\(type(of: error)))")
        }
    }

    /// 32 random bytes as 64 hex characters (what Coinbase's SDK sends).
    public static func randomNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// `value` as a JSON string literal (slashes unescaped, as PyJWT writes them).
    static func json(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// Unpadded base64url (RFC 7515 §2).
public enum Base64URL {
    public static func encode(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Nil when `text` is not base64url.
    public static func decode(_ text: some StringProtocol) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard !base64.contains("=") else { return nil }
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
