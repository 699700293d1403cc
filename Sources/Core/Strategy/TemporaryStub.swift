public enum StrategyParameters: Sendable, Hashable {
    case none
    public static let builtInNames: [String] = ["trend", "triggers"]
    public static func read(name: String, from reader: inout ConfigObjectReader, problems: inout ConfigProblems) -> StrategyParameters? {
        reader.acceptAllKeys(); return builtInNames.contains(name) ? StrategyParameters.none : nil
    }
}
public struct RegimeParameters: Sendable, Hashable {
    public static let defaults = RegimeParameters()
    public static func read(from reader: inout ConfigObjectReader, problems: inout ConfigProblems) -> RegimeParameters? { reader.acceptAllKeys(); return defaults }
}
