import Foundation

/// The Coinbase Advanced Trade samples copied from `../shared/data/exchange/coinbase_advanced`
/// (see its SOURCES.md): the SDK's published test keys with JWT vectors, and response bodies.
enum CoinbaseFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/coinbase")

    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(relativePath))
    }

    /// `jwt_test_vectors.json`.
    struct Vectors: Decodable {
        struct Vector: Decodable {
            let description: String
            let alg: String
            let header_json: String
            let payload_json: String
            let signing_input: String
            let signature_b64url: String
            let jwt: String
        }
        let key_name: String
        let ec_private_key_pem: String
        let ed25519_secret_b64_64byte_seed_plus_pub: String
        let ed25519_seed_b64: String
        let fixed_nbf: Int64
        let fixed_nonce: String
        let vectors: [Vector]
    }

    static func vectors() throws -> Vectors {
        try JSONDecoder().decode(Vectors.self, from: data("jwt_test_vectors.json"))
    }
}
