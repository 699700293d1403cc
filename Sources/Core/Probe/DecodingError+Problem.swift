import Foundation

extension DecodingError {
    /// The one-line description every decoder of outside input uses (probe files, JSONL logs,
    /// venue bodies): the key path, then what is wrong with it. `orders[2].price: missing`,
    /// `side: Cannot initialize Side from invalid String value HOLD`, `invalid JSON: Unexpected
    /// character '<' around line 1, column 1.`
    public var problemDescription: String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch self {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                let underlying = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
                return "invalid JSON: \(underlying ?? context.debugDescription)"
            }
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return String(describing: self)
        }
    }
}
