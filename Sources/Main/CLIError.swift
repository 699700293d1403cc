/// A one-line error for the operator about the command line itself (the command prints it and
/// exits with `ExitStatus.badInput`).
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
