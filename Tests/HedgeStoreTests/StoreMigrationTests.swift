import Foundation
import GRDB
import HedgeCore
@testable import HedgeStore
import Testing

@Suite("Store: opening, migrating, refusing")
struct StoreMigrationTests {
    @Test("a database of every earlier schema version opens, migrates forward and keeps its rows",
          arguments: StoreSchema.migrations.map(\.id))
    func everyEarlierVersionOpens(version: String) async throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        try FileManager.default.createDirectory(atPath: "\(fixture.directory)/state", withIntermediateDirectories: true)
        do {
            let old = try DatabaseQueue(path: fixture.path)
            try SQLiteTradingStore.migrator().migrate(old, upTo: version)
            // A row every version has had since v1.
            try await old.write { db in
                try db.execute(sql: SQLiteTradingStore.insertOrderSQL, arguments: SQLiteTradingStore.arguments(StoreFixture.order("hm-old-1")))
            }
        }
        let store = try fixture.open()
        #expect(try store.appliedMigrations() == StoreSchema.migrations.map(\.id))
        #expect(try await store.order(clientOrderId: "hm-old-1")?.symbol == "BTCUSDT")
    }

    @Test("a store written by a newer build is refused, naming the file and the versions, and left as it was")
    func newerSchemaIsRefused() throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        _ = try fixture.open()
        let queue = try DatabaseQueue(path: fixture.path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')") }
        let before = try Data(contentsOf: URL(fileURLWithPath: fixture.path))
        let error = try #require(throws: StoreError.self) { try fixture.open() }
        #expect(error.description.hasPrefix("\(fixture.path): cannot migrate the store: it was written by a newer build (schema v99"),
                "\(error)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.path)) == before)
    }

    @Test("a file that is not a database is refused with its name and never recreated")
    func garbageIsRefused() throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        try FileManager.default.createDirectory(atPath: "\(fixture.directory)/state", withIntermediateDirectories: true)
        let garbage = Data(repeating: 0x5A, count: 8_192)
        try garbage.write(to: URL(fileURLWithPath: fixture.path))
        let error = try #require(throws: StoreError.self) { try fixture.open() }
        #expect(error.path == fixture.path)
        #expect(error.description.contains("not a database"), "\(error)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.path)) == garbage)
    }

    @Test("risk counters that cannot be read back refuse the snapshot, naming the table and column")
    func unreadableCountersRefuse() async throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.open()
        _ = try await store.apply([.riskCounters(RiskCounters(initialNavUSD: 1), atMs: 1)])
        let queue = try DatabaseQueue(path: fixture.path)
        try await queue.write { db in try db.execute(sql: "UPDATE risk_counters SET state = '{\"peak_nav_usd\": \"lots\"}'") }
        await #expect {
            _ = try await store.loadSnapshot(closedTradeLimit: 1, metricsLimit: 1, navLimit: 1)
        } throws: { error in
            (error as? StoreError)?.description.contains("risk_counters.state is unreadable") == true
        }
        // The operator's way out: a recorded reset drops them.
        try await store.resetRiskState(atMs: 2, reason: "counters corrupted")
        #expect(try await store.loadSnapshot(closedTradeLimit: 1, metricsLimit: 1, navLimit: 1).riskCounters == nil)
    }
}
