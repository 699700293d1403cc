import ArgumentParser
import HedgeCore

/// Every exit code a `hedge` command ends with (sysexits.h where one fits), in one place so the
/// docs, the systemd unit (`RestartPreventExitStatus=78`) and the code agree.
enum ExitStatus {
    /// 1: the command ran and found something wrong (a soak that failed its audit, a venue check
    /// that failed, a drain that had to be forced).
    static let failure = ExitCode(1)
    /// 2: an input file given on the command line (probe input, bar data, fault profile) is
    /// unreadable or malformed.
    static let badInput = ExitCode(2)
    /// 69 (EX_UNAVAILABLE): the venue cannot be reached at start.
    static let unavailable = ExitCode(69)
    /// 75 (EX_TEMPFAIL): another instance holds the state directory; try again once it stopped.
    static let alreadyRunning = ExitCode(75)
    /// 78 (EX_CONFIG): the configuration, or a start the configuration forbids (live without
    /// `ALLOW_PROD_WRITE=1` or credentials). systemd must not restart on it.
    static let configError = ExitCode(78)
    /// 130: a second SIGTERM/SIGINT forced the exit during the drain.
    static let forcedBySignal: Int32 = 130

    /// The exit of a daemon whose drain ended with `code` (`DrainStateMachine.forcedExitCode` when forced).
    static func drain(_ code: Int32) -> ExitCode { ExitCode(code) }
}
