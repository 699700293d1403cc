import HedgeActors
import HedgeTestKit
import Testing

@Suite("Periodic jobs on a manual clock")
struct PeriodicJobTests {
    @Test("each job fires on its own interval, independently of the others")
    func independentIntervals() async throws {
        let clock = ManualClock()
        let counts = LockedValue([0, 0])
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await PeriodicJob.run(every: .seconds(15), on: clock) { counts.withLock { $0[0] += 1 } } }
            group.addTask { try await PeriodicJob.run(every: .seconds(60), on: clock) { counts.withLock { $0[1] += 1 } } }
            await clock.waitForSleepers(2)
            for _ in 0..<3_600 {
                clock.advance(by: .seconds(1))
                await clock.waitForSleepers(2)
            }
            group.cancelAll()
        }
        #expect(counts.value == [240, 60])
    }

    @Test("a slow run delays the next one instead of bursting to catch up")
    func noBurst() async throws {
        let clock = ManualClock()
        let runs = LockedValue<[Duration]>([])
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await PeriodicJob.run(every: .seconds(10), on: clock) {
                    runs.withLock { $0.append(clock.now.offset) }
                    if runs.value.count == 1 {
                        // The first run takes 35 s of (manual) time.
                        try await clock.sleep(for: .seconds(35))
                    }
                }
            }
            await clock.waitForSleepers(1)
            for _ in 0..<60 {
                clock.advance(by: .seconds(1))
                await clock.waitForSleepers(1)
            }
            group.cancelAll()
        }
        #expect(runs.value == [.seconds(10), .seconds(55)])
    }
}
