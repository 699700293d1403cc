import Foundation

/// Checks a Coinbase JWT as the venue would: the signature with the key's public half, the
/// algorithm, `kid`/`sub` naming the key, `iss` "cdp", `nbf`/`exp` around now (and a lifetime no
/// longer than two minutes), and for REST the `uri` claim matching the request. The loopback venue
/// refuses any request that fails, with the reason.
public struct CoinbaseJWTVerifier: Sendable {
    public let keyName: String
    let publicKey: CoinbasePublicKey
    /// Seconds of clock difference tolerated on `nbf` and `exp`.
    public var leewaySeconds: Int64 = 5

    public init(keyName: String, publicKey: CoinbasePublicKey) {
        self.keyName = keyName
        self.publicKey = publicKey
    }

    /// Why a token was refused.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// Nil when `token` is valid at `nowSeconds` for `uri` (nil for a WebSocket token, which must
    /// carry no `uri`); otherwise why not.
    public func refusal(of token: String, uri: String?, nowSeconds: Int64) -> Refusal? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Base64URL.decode(parts[0]), let claimsData = Base64URL.decode(parts[1]),
              let signature = Base64URL.decode(parts[2]) else {
            return Refusal("the bearer token is not a compact JWS (three base64url parts)")
        }
        guard let header = (try? JSONSerialization.jsonObject(with: headerData)) as? [String: Any],
              let claims = (try? JSONSerialization.jsonObject(with: claimsData)) as? [String: Any] else {
            return Refusal("the JWT header or claims are not JSON objects")
        }
        guard header["alg"] as? String == publicKey.algorithm else {
            return Refusal("the JWT alg is \(header["alg"] ?? "missing"), expected \(publicKey.algorithm)")
        }
        guard header["kid"] as? String == keyName, claims["sub"] as? String == keyName else {
            return Refusal("the JWT kid/sub does not name a known API key")
        }
        guard let nonce = header["nonce"] as? String, !nonce.isEmpty else { return Refusal("the JWT header has no nonce") }
        guard publicKey.isValid(signature, for: Data((parts[0] + "." + parts[1]).utf8)) else {
            return Refusal("the JWT signature does not verify with the API key")
        }
        guard claims["iss"] as? String == "cdp" else { return Refusal("the JWT iss is not \"cdp\"") }
        guard let nbf = (claims["nbf"] as? NSNumber)?.int64Value, let exp = (claims["exp"] as? NSNumber)?.int64Value else {
            return Refusal("the JWT has no numeric nbf and exp")
        }
        if nbf > nowSeconds + leewaySeconds { return Refusal("the JWT is not valid yet (nbf \(nbf), now \(nowSeconds))") }
        if exp < nowSeconds - leewaySeconds { return Refusal("the JWT expired (exp \(exp), now \(nowSeconds))") }
        if exp - nbf > CoinbaseJWTSigner.lifetimeSeconds { return Refusal("the JWT lives \(exp - nbf) s, more than 120 s") }
        let claimedURI = claims["uri"] as? String
        switch (uri, claimedURI) {
        case (nil, nil): return nil
        case (nil, .some): return Refusal("a WebSocket JWT must not carry a uri claim")
        case (.some(let expected), nil): return Refusal("the JWT has no uri claim; expected \"\(expected)\"")
        case (.some(let expected), .some(let claimed)):
            return claimed == expected ? nil : Refusal("the JWT uri is \"\(claimed)\", the request is \"\(expected)\"")
        }
    }
}
