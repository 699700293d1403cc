import ArgumentParser

@main
struct Hedge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hedge",
        abstract: "Hedge: a crypto trading daemon under hard risk limits.",
        subcommands: [RunCommand.self, DoctorCommand.self, FlagsCommand.self, BacktestCommand.self, BenchCommand.self, ProbeCommand.self,
                      SoakCommand.self, VenueServerCommand.self, KillCommand.self, AuditCommand.self, ParityCommand.self]
    )
}
