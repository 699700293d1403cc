import Foundation
@testable import HedgeExchange
import Testing

/// Signatures byte for byte against Binance's published HMAC examples.
@Suite struct BinanceSigningTests {
    struct Vector: Decodable {
        var id: String
        var secretKey: String
        var payload: String
        var signature: String
    }

    struct VectorFile: Decodable { var vectors: [Vector] }

    static func vectors() throws -> [Vector] {
        try JSONDecoder().decode(VectorFile.self, from: BinanceFixtures.data("hmac_sha256_vectors.json")).vectors
    }

    @Test func everyPublishedVectorMatches() throws {
        let vectors = try Self.vectors()
        #expect(vectors.count >= 6)
        for vector in vectors {
            let signer = BinanceSigner(secret: vector.secretKey)
            #expect(signer.signature(for: vector.payload) == vector.signature, "vector \(vector.id)")
            #expect(signer.isValid(signature: vector.signature, for: vector.payload))
            #expect(signer.isValid(signature: vector.signature.uppercased(), for: vector.payload))
        }
    }

    @Test func theOrderQueryIsSignedExactlyAsSent() throws {
        // USD-M docs example 1, built by the adapter's own query encoder.
        let query = BinanceQuery([("symbol", "BTCUSDT"), ("side", "BUY"), ("type", "LIMIT"), ("quantity", "1"), ("price", "9000"),
                                  ("timeInForce", "GTC"), ("recvWindow", "5000"), ("timestamp", "1591702613943")])
        let signer = BinanceSigner(secret: "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9")
        #expect(query.encoded == "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943")
        #expect(signer.signature(for: query.encoded) == "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9")
    }

    @Test func nonASCIIValuesArePercentEncodedBeforeSigning() throws {
        let vector = try #require(try Self.vectors().first { $0.id == "spot-docs-hmac-non-ascii-percent-encoded" })
        let parsed = BinanceQuery.parse(Substring(vector.payload))
        #expect(parsed.encoded == vector.payload)
        #expect(parsed.value(of: "symbol") == "１２３４５６")
    }

    @Test func aTamperedPayloadOrSignatureIsRejected() {
        let signer = BinanceSigner(secret: "secret")
        let signature = signer.signature(for: "a=1&timestamp=2")
        #expect(!signer.isValid(signature: signature, for: "a=2&timestamp=2"))
        let flipped = String(signature.dropLast()) + (signature.hasSuffix("0") ? "1" : "0")
        #expect(!signer.isValid(signature: flipped, for: "a=1&timestamp=2"))
        #expect(!signer.isValid(signature: "zz", for: "a=1&timestamp=2"))
        #expect(!signer.isValid(signature: "", for: "a=1&timestamp=2"))
    }

    @Test func theSecretNeverAppearsInDescriptions() {
        let credentials = BinanceCredentials(apiKey: "AKEY1234567890", secret: "SUPERSECRETVALUE")
        #expect(!"\(credentials)".contains("SUPERSECRETVALUE"))
        #expect(!"\(credentials)".contains("AKEY123456"))
        #expect("\(credentials)".contains("7890"))
        #expect(!"\(credentials.signer)".contains("SUPERSECRETVALUE"))
    }
}
