import AsyncAlgorithms
import HedgeCore

/// Parses a data set on its own task and hands the bars over in chunks through a back-pressured
/// `AsyncChannel`, so CSV parsing runs on one core while the backtest runs on the other. The
/// merged stream is created and used only inside the reading task (it is not `Sendable`); only
/// `Sendable` chunks cross over.
public enum BarChunkReader {
    /// One batch of bars in time order, plus the reader's progress and, on the last chunk, its
    /// gap warnings.
    public struct Chunk: Sendable {
        public var events: [BarEvent]
        public var fractionConsumed: Double?
        public var warnings: [MarketDataWarning]
    }

    /// Starts reading `dataSet`; the returned channel finishes after the last chunk, or throws the
    /// first market-data error.
    public static func start(_ dataSet: MarketDataSet, chunkSize: Int = 8_192) -> AsyncThrowingChannel<Chunk, any Error> {
        let channel = AsyncThrowingChannel<Chunk, any Error>()
        Task.detached {
            do {
                let stream = try dataSet.makeStream()
                var events: [BarEvent] = []
                events.reserveCapacity(chunkSize)
                while let event = try stream.next() {
                    events.append(event)
                    if events.count == chunkSize {
                        await channel.send(Chunk(events: events, fractionConsumed: stream.fractionConsumed, warnings: []))
                        events.removeAll(keepingCapacity: true)
                    }
                }
                await channel.send(Chunk(events: events, fractionConsumed: 1, warnings: stream.warnings))
                channel.finish()
            } catch {
                channel.fail(error)
            }
        }
        return channel
    }
}
