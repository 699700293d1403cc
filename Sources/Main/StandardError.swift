import Foundation

/// Writes one line to stderr (diagnostics that must not mix with a command's JSON on stdout).
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
