import Crypto
import Foundation
@testable import HedgeExchange
import Testing

/// The JWTs Coinbase authenticates with, against the SDK's published test keys.
@Suite struct CoinbaseJWTTests {
    /// `uri` of a vector: the claim in its payload, nil for the WebSocket ones.
    private func uri(of vector: CoinbaseFixtures.Vectors.Vector) throws -> String? {
        let claims = try JSONSerialization.jsonObject(with: Data(vector.payload_json.utf8)) as? [String: Any]
        return claims?["uri"] as? String
    }

    @Test func ed25519TokensMatchTheVectorsByteForByte() throws {
        let fixtures = try CoinbaseFixtures.vectors()
        for secret in [fixtures.ed25519_secret_b64_64byte_seed_plus_pub, fixtures.ed25519_seed_b64] {
            let signer = CoinbaseCredentials(keyName: fixtures.key_name, key: try CoinbaseSigningKey(secret: secret)).signer
            for vector in fixtures.vectors where vector.alg == "EdDSA" {
                let token = try signer.token(uri: try uri(of: vector), nowSeconds: fixtures.fixed_nbf, nonce: fixtures.fixed_nonce)
                #expect(token == vector.jwt, "\(vector.description)")
            }
        }
    }

    @Test func es256TokensHaveTheVectorsSigningInputAndVerify() throws {
        let fixtures = try CoinbaseFixtures.vectors()
        let key = try CoinbaseSigningKey(secret: fixtures.ec_private_key_pem)
        let signer = CoinbaseCredentials(keyName: fixtures.key_name, key: key).signer
        let verifier = CoinbaseJWTVerifier(keyName: fixtures.key_name, publicKey: key.publicKey)
        for vector in fixtures.vectors where vector.alg == "ES256" {
            let uri = try uri(of: vector)
            let token = try signer.token(uri: uri, nowSeconds: fixtures.fixed_nbf, nonce: fixtures.fixed_nonce)
            // ECDSA is randomized: the signing input is fixed, the signature is checked by verifying.
            #expect(token.split(separator: ".").prefix(2).joined(separator: ".") == vector.signing_input, "\(vector.description)")
            #expect(token.split(separator: ".")[2].count == 86, "64-byte r||s, not DER")
            #expect(verifier.refusal(of: token, uri: uri, nowSeconds: fixtures.fixed_nbf + 10) == nil)
            // The published token verifies too: the verifier reads what the SDK writes.
            #expect(verifier.refusal(of: vector.jwt, uri: uri, nowSeconds: fixtures.fixed_nbf) == nil, "\(vector.description)")
        }
    }

    @Test func escapedNewlinesInTheSecretAreAccepted() throws {
        let fixtures = try CoinbaseFixtures.vectors()
        let oneLine = fixtures.ec_private_key_pem.replacingOccurrences(of: "\n", with: "\\n")
        guard case .es256 = try CoinbaseSigningKey(secret: oneLine) else {
            Issue.record("expected an ES256 key")
            return
        }
    }

    @Test func theVerifierNamesWhatIsWrong() throws {
        let fixtures = try CoinbaseFixtures.vectors()
        let key = try CoinbaseSigningKey(secret: fixtures.ec_private_key_pem)
        let signer = CoinbaseCredentials(keyName: fixtures.key_name, key: key).signer
        let verifier = CoinbaseJWTVerifier(keyName: fixtures.key_name, publicKey: key.publicKey)
        let now: Int64 = 1_800_000_000
        let uri = "GET api.coinbase.com/api/v3/brokerage/accounts"
        let token = try signer.token(uri: uri, nowSeconds: now)

        #expect(verifier.refusal(of: token, uri: "POST api.coinbase.com/api/v3/brokerage/orders", nowSeconds: now)?.description
            == "the JWT uri is \"\(uri)\", the request is \"POST api.coinbase.com/api/v3/brokerage/orders\"")
        #expect(verifier.refusal(of: token, uri: uri, nowSeconds: now + 200)?.description.hasPrefix("the JWT expired") == true)
        #expect(verifier.refusal(of: token, uri: uri, nowSeconds: now - 60)?.description.hasPrefix("the JWT is not valid yet") == true)
        #expect(verifier.refusal(of: token, uri: nil, nowSeconds: now)?.description == "a WebSocket JWT must not carry a uri claim")

        let otherKey = CoinbaseSigningKey.es256(.init())
        let forged = try CoinbaseCredentials(keyName: fixtures.key_name, key: otherKey).signer.token(uri: uri, nowSeconds: now)
        #expect(verifier.refusal(of: forged, uri: uri, nowSeconds: now)?.description == "the JWT signature does not verify with the API key")
        let otherName = try CoinbaseCredentials(keyName: "organizations/x/apiKeys/y", key: key).signer.token(uri: uri, nowSeconds: now)
        #expect(verifier.refusal(of: otherName, uri: uri, nowSeconds: now)?.description == "the JWT kid/sub does not name a known API key")
        #expect(verifier.refusal(of: "abc", uri: uri, nowSeconds: now)?.description == "the bearer token is not a compact JWS (three base64url parts)")
    }

    @Test func keyFilesMustBeOwnerOnlyAndErrorsNeverShowTheSecret() throws {
        let fixtures = try CoinbaseFixtures.vectors()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cb-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("cdp_api_key.json").path
        let body = try JSONSerialization.data(withJSONObject: ["name": fixtures.key_name, "privateKey": fixtures.ec_private_key_pem])
        try body.write(to: URL(fileURLWithPath: path))

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(throws: CredentialsError.unsafePermissions(path: path, mode: "644")) {
            try CoinbaseCredentials.load(environment: [:], keyFile: path)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let loaded = try #require(try CoinbaseCredentials.load(environment: [:], keyFile: path))
        #expect(loaded.keyName == fixtures.key_name)
        #expect(!"\(loaded)".contains("PRIVATE"))
        #expect("\(loaded)" == "CoinbaseCredentials(keyName: ****-key, ES256 key: <redacted>)")

        // The environment wins over the file, and a half-set pair is refused by name.
        #expect(throws: CredentialsError.incomplete("COINBASE_API_KEY is set but COINBASE_API_SECRET is not")) {
            try CoinbaseCredentials.load(environment: ["COINBASE_API_KEY": "k"], keyFile: path)
        }
        do {
            _ = try CoinbaseCredentials.load(environment: ["COINBASE_API_KEY": "k", "COINBASE_API_SECRET": "not a key 12345"], keyFile: nil)
            Issue.record("a bad secret was accepted")
        } catch {
            #expect(!error.description.contains("12345"))
        }
    }
}
