import Foundation

extension HedgeConfig {
    /// A fingerprint of the four config files' bytes (FNV-1a, 64 bits, hex): two runs with the
    /// same fingerprint ran the same configuration. Not a security hash; it tells configs apart.
    /// A file that cannot be read contributes its name only.
    public var fingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for file in File.allCases {
            let bytes = FileManager.default.contents(atPath: "\(directory)/\(file.rawValue)") ?? Data(file.rawValue.utf8)
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
