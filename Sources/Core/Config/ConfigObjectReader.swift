/// Walks one JSON/YAML object of a config file, reading typed fields and recording every
/// problem with its full key path. Keys that were never asked for are reported by `finish` as
/// unknown, so a typo can never silently drop a limit.
///
/// Usage: read each field (required or optional), then call `finish(into:)`.
public struct ConfigObjectReader {
    /// File name used in problems.
    public let file: String
    /// Dotted key path of this object ("" for the document root).
    public let path: String
    private let fields: [String: JSONValue]
    private var requested: Set<String> = []

    /// A reader over `value` when it is an object; otherwise records "must be an object" and
    /// returns nil.
    public init?(_ value: JSONValue, file: String, path: String, problems: inout ConfigProblems) {
        guard case .object(let fields) = value else {
            problems.add(file, path, "must be an object, got \(value.kindDescription)")
            return nil
        }
        self.file = file
        self.path = path
        self.fields = fields
    }

    /// The keys present in the object, sorted (for maps keyed by symbol, tier, name).
    public var keys: [String] { fields.keys.sorted() }

    /// The dotted path of `key` inside this object.
    public func keyPath(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// The raw value at `key`, marking the key as known.
    public mutating func raw(_ key: String) -> JSONValue? {
        requested.insert(key)
        return fields[key]
    }

    private mutating func present(_ key: String, required: Bool, problems: inout ConfigProblems) -> JSONValue? {
        guard let value = raw(key), value != .null else {
            if required { problems.add(file, keyPath(key), "is required") }
            return nil
        }
        return value
    }

    /// A number satisfying `rule`.
    public mutating func number(_ key: String, _ rule: NumberRule, required: Bool = true, problems: inout ConfigProblems) -> Double? {
        guard let value = present(key, required: required, problems: &problems) else { return nil }
        guard case .number(let n) = value else {
            problems.add(file, keyPath(key), "must be a number, got \(value.kindDescription) (\(value.shortDescription))")
            return nil
        }
        guard rule.accepts(n) else {
            problems.add(file, keyPath(key), "\(rule.requirement), got \(formatNumber(n))")
            return nil
        }
        return n
    }

    /// A whole number satisfying `rule`.
    public mutating func integer(_ key: String, _ rule: NumberRule, required: Bool = true, problems: inout ConfigProblems) -> Int? {
        guard let value = present(key, required: required, problems: &problems) else { return nil }
        guard case .number(let n) = value, n == n.rounded(), abs(n) < 1e15 else {
            problems.add(file, keyPath(key), "must be a whole number, got \(value.kindDescription) (\(value.shortDescription))")
            return nil
        }
        guard rule.accepts(n) else {
            problems.add(file, keyPath(key), "\(rule.requirement), got \(formatNumber(n))")
            return nil
        }
        return Int(n)
    }

    /// A boolean (`true`/`false` in JSON; YAML's `yes`/`no` decode as booleans too).
    public mutating func bool(_ key: String, required: Bool = true, problems: inout ConfigProblems) -> Bool? {
        guard let value = present(key, required: required, problems: &problems) else { return nil }
        guard case .bool(let b) = value else {
            problems.add(file, keyPath(key), "must be true or false, got \(value.kindDescription) (\(value.shortDescription))")
            return nil
        }
        return b
    }

    /// A non-empty string.
    public mutating func string(_ key: String, required: Bool = true, problems: inout ConfigProblems) -> String? {
        guard let value = present(key, required: required, problems: &problems) else { return nil }
        guard case .string(let s) = value, !s.isEmpty else {
            problems.add(file, keyPath(key), "must be a non-empty string, got \(value.kindDescription) (\(value.shortDescription))")
            return nil
        }
        return s
    }

    /// A list of non-empty strings.
    public mutating func stringArray(_ key: String, required: Bool = true, problems: inout ConfigProblems) -> [String]? {
        guard let value = present(key, required: required, problems: &problems) else { return nil }
        guard case .array(let elements) = value else {
            problems.add(file, keyPath(key), "must be a list of strings, got \(value.kindDescription) (\(value.shortDescription))")
            return nil
        }
        var strings: [String] = []
        for (index, element) in elements.enumerated() {
            guard case .string(let text) = element, !text.isEmpty else {
                problems.add(file, "\(keyPath(key))[\(index)]", "must be a non-empty string, got \(element.kindDescription) (\(element.shortDescription))")
                continue
            }
            strings.append(text)
        }
        return strings
    }

    /// One of a closed set of string values (an enum's raw values).
    public mutating func choice<Choice: RawRepresentable & CaseIterable>(
        _ key: String, as type: Choice.Type, required: Bool = true, problems: inout ConfigProblems
    ) -> Choice? where Choice.RawValue == String {
        guard let text = string(key, required: required, problems: &problems) else { return nil }
        guard let choice = Choice(rawValue: text) else {
            let allowed = Choice.allCases.map(\.rawValue).joined(separator: " | ")
            problems.add(file, keyPath(key), "must be one of \(allowed), got \"\(text)\"")
            return nil
        }
        return choice
    }

    /// A nested object.
    public mutating func object(_ key: String, required: Bool = true, problems: inout ConfigProblems) -> ConfigObjectReader? {
        guard let value = present(key, required: required, problems: &problems) else { return nil }
        return ConfigObjectReader(value, file: file, path: keyPath(key), problems: &problems)
    }

    /// An array of objects, one reader per element (key paths `key[0]`, `key[1]`, …). An element
    /// that is not an object is recorded as a problem and left out.
    public mutating func objects(_ key: String, required: Bool = true, problems: inout ConfigProblems) -> [ConfigObjectReader]? {
        guard let value = present(key, required: required, problems: &problems) else { return nil }
        guard case .array(let elements) = value else {
            problems.add(file, keyPath(key), "must be a list, got \(value.kindDescription) (\(value.shortDescription))")
            return nil
        }
        return elements.enumerated().compactMap { index, element in
            ConfigObjectReader(element, file: file, path: "\(keyPath(key))[\(index)]", problems: &problems)
        }
    }

    /// Reports every key that no accessor asked for, with a suggestion when one is close.
    public func finish(into problems: inout ConfigProblems) {
        for key in fields.keys.sorted() where !requested.contains(key) {
            problems.add(file, keyPath(key), unknownKeyMessage(key, expected: requested))
        }
    }

    /// Marks every present key as known: for maps whose keys are names (symbols, tiers), which
    /// the caller validates itself.
    public mutating func acceptAllKeys() {
        requested.formUnion(fields.keys)
    }
}

/// "unknown key (did you mean "max_leverage"?)" or "unknown key (expected one of: a, b)".
func unknownKeyMessage(_ key: String, expected: Set<String>) -> String {
    let candidates = expected.sorted()
    if let best = candidates.min(by: { editDistance($0, key) < editDistance($1, key) }),
       editDistance(best, key) <= max(2, key.count / 4) {
        return "unknown key (did you mean \"\(best)\"?)"
    }
    if candidates.isEmpty { return "unknown key" }
    return "unknown key (expected one of: \(candidates.joined(separator: ", ")))"
}

/// Levenshtein distance, for "did you mean" suggestions on short config keys.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = Array(repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
