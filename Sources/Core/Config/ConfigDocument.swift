import Foundation
import Yams

/// Reads one config file into a `JSONValue` tree, turning a missing file or a syntax error into
/// a `ConfigProblem` that names the file (and, where the parser says, the line). Every config
/// file Hedge reads goes through it, so they all report problems the same way.
public enum ConfigDocument {
    /// The syntax a file is written in.
    public enum Format: Sendable { case json, yaml }

    /// The parsed file at `path` (named `displayName` in problems); nil, with the problem
    /// recorded, when it is missing, unreadable or not valid `format`.
    public static func load(path: String, displayName: String, format: Format, problems: inout ConfigProblems) -> JSONValue? {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            problems.add(displayName, "", exists ? "cannot be read (permissions?)" : "file not found")
            return nil
        }
        switch format {
        case .json: return parseJSON(data, displayName: displayName, problems: &problems)
        case .yaml: return parseYAML(data, displayName: displayName, problems: &problems)
        }
    }

    /// `data` parsed as JSON; nil, with the problem recorded, when it is not.
    public static func parseJSON(_ data: Data, displayName: String, problems: inout ConfigProblems) -> JSONValue? {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            // JSONSerialization words syntax errors better ("Unexpected character … around line 3").
            if let syntaxError = syntaxDescription(data) {
                problems.add(displayName, "", "invalid JSON: \(syntaxError)")
                return nil
            }
            problems.add(displayName, "", "invalid JSON: \(describe(error))")
        }
        return nil
    }

    /// `data` parsed as YAML; nil, with the problem recorded, when it is not.
    public static func parseYAML(_ data: Data, displayName: String, problems: inout ConfigProblems) -> JSONValue? {
        guard let text = String(data: data, encoding: .utf8) else {
            problems.add(displayName, "", "invalid YAML: not UTF-8 text")
            return nil
        }
        do {
            // A file of only comments holds no document: that is an empty (all-defaults) config.
            guard try Yams.compose(yaml: text) != nil else { return .null }
            return try YAMLDecoder().decode(JSONValue.self, from: text)
        } catch let DecodingError.dataCorrupted(context) where context.underlyingError is YamlError {
            problems.add(displayName, "", "invalid YAML: \(describeYAML(context.underlyingError))")
        } catch let error as YamlError {
            problems.add(displayName, "", "invalid YAML: \(describeYAML(error))")
        } catch {
            problems.add(displayName, "", "invalid YAML: \(describe(error))")
        }
        return nil
    }

    private static func syntaxDescription(_ data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            return describe(error)
        }
    }

    /// Yams prints "22:3: error: parser: …" then the offending line and a caret; keep the
    /// position and the reason on one line.
    private static func describeYAML(_ error: (any Error)?) -> String {
        guard let error else { return "unreadable" }
        let lines = String(describing: error).split(separator: "\n").map(String.init)
        return lines.prefix(2).joined(separator: " ")
    }

    /// Foundation's parser errors carry the useful text ("… around line 3, column 1") in
    /// `NSDebugDescription`.
    private static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if let debug = nsError.userInfo[NSDebugDescriptionErrorKey] as? String { return debug }
        return String(describing: error)
    }
}
