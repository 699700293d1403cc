import Foundation

/// Reads a file that holds a secret (API keys, a CDP key file), refusing one that group or others
/// may read or write: a key left world-readable is a key already leaked. Errors name the path and
/// the problem, never the content.
public enum OwnerOnlyFile {
    /// The bytes of `path`, which must exist and have no group/other permission bits (mode 0600 or
    /// 0400).
    public static func read(_ path: String) throws(CredentialsError) -> Data {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw .unreadable(path: path, reason: "it does not exist or cannot be read")
        }
        if let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            throw .unsafePermissions(path: path, mode: String(mode, radix: 8))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "it cannot be read")
        }
        return data
    }
}
