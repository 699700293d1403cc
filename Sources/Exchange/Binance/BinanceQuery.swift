import Foundation

/// An ordered list of request parameters and its exact encoding. The string this produces is the
/// string that is signed and the string that is sent: they are never built twice.
public struct BinanceQuery: Sendable, Hashable {
    public private(set) var items: [Item]

    public struct Item: Sendable, Hashable {
        public var name: String
        public var value: String
    }

    public init(_ items: [(String, String)] = []) {
        self.items = items.map { Item(name: $0.0, value: $0.1) }
    }

    /// Appends `name=value` (keeps insertion order: Binance signs what it receives, in order).
    public mutating func append(_ name: String, _ value: String) {
        items.append(Item(name: name, value: value))
    }

    /// Appends `name=value` when `value` is not nil.
    public mutating func append(_ name: String, _ value: String?) {
        if let value { append(name, value) }
    }

    /// The first value of `name`, if present.
    public func value(of name: String) -> String? {
        items.first { $0.name == name }?.value
    }

    /// `a=1&b=2`, each name and value percent-encoded (UTF-8, RFC 3986 unreserved characters kept).
    public var encoded: String {
        items.map { Self.percentEncode($0.name) + "=" + Self.percentEncode($0.value) }.joined(separator: "&")
    }

    /// Parses `a=1&b=2` (as a server receives it), percent-decoding names and values; `+` is a space
    /// only in form bodies, so it is left alone here as Binance does for query strings.
    public static func parse(_ string: Substring) -> BinanceQuery {
        var query = BinanceQuery()
        for pair in string.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let rawValue = parts.count > 1 ? String(parts[1]) : ""
            query.append(name, rawValue.removingPercentEncoding ?? rawValue)
        }
        return query
    }

    private static let unreserved: CharacterSet = {
        var set = CharacterSet()
        set.insert(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
        return set
    }()

    static func percentEncode(_ string: String) -> String {
        string.addingPercentEncoding(withAllowedCharacters: unreserved) ?? string
    }
}
