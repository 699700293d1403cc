import ArgumentParser
import HedgeCore

@main
struct Hedge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hedge",
        abstract: "Hedge: a crypto trading daemon under hard risk limits."
    )
}
