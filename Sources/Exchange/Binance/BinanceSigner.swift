import Crypto
import Foundation

/// Signs Binance USD-M requests: lowercase hex of HMAC-SHA256, keyed by the API secret, over the
/// exact payload sent (the query string, then the form body, concatenated without a separator).
///
/// The secret lives only inside the `SymmetricKey`; the signer's description never shows it.
public struct BinanceSigner: Sendable, CustomStringConvertible {
    private let key: SymmetricKey

    public init(secret: String) {
        key = SymmetricKey(data: Data(secret.utf8))
    }

    /// The signature of `payload`, as Binance expects it in `signature=`.
    public func signature(for payload: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: key)
        return Self.hex(code)
    }

    /// Whether `signature` (hex, either case) is the signature of `payload`; compared in constant
    /// time so the loopback venue does not leak how much of a forged signature was right.
    public func isValid(signature: String, for payload: String) -> Bool {
        guard let bytes = Self.bytes(fromHex: signature) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(bytes, authenticating: Data(payload.utf8), using: key)
    }

    public var description: String { "BinanceSigner(secret: <redacted>)" }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func hex(_ code: HashedAuthenticationCode<SHA256>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in code {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func bytes(fromHex hex: String) -> Data? {
        let utf8 = Array(hex.utf8)
        guard utf8.count % 2 == 0, !utf8.isEmpty else { return nil }
        var out = Data(capacity: utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
