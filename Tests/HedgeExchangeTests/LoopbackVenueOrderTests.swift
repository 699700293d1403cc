import AsyncHTTPClient
import Foundation
import HedgeCore
import HedgeExchange
import HedgeVenueServer
import NIOHTTP1
import Testing

@Suite("Loopback venue: orders")
struct LoopbackVenueOrderTests {
    @Test("create, query and cancel answer Binance's order shapes and order-count headers")
    func createQueryCancel() async throws {
        try await LoopbackHarness.with { venue in
            let created = try await venue.placeRestingOrder("loop-1")
            #expect(created.status == 200)
            #expect(created.object["status"] as? String == "NEW")
            #expect(created.object["clientOrderId"] as? String == "loop-1")
            #expect(created.object["origQty"] as? String == "1")
            #expect(created.object["price"] as? String == "90")
            #expect(created.object["cumQty"] as? String == "0")
            #expect(created.object["positionSide"] as? String == "LONG")
            #expect(created.headers["x-mbx-order-count-10s"] == "1")
            #expect(created.headers["x-mbx-order-count-1m"] == "1")
            let orderId = try #require(created.object["orderId"] as? Int)

            let queried = try await venue.request(.GET, "/fapi/v1/order", query: venue.signed([
                ("symbol", SimFixture.symbol), ("orderId", String(orderId))]))
            #expect(queried.status == 200)
            #expect(queried.object["timeInForce"] as? String == "GTC")
            #expect(queried.object["time"] is Int)
            #expect(queried.object["status"] as? String == "NEW")

            let open = try await venue.request(.GET, "/fapi/v1/openOrders", query: venue.signed([("symbol", SimFixture.symbol)]))
            #expect((open.json as? [Any])?.count == 1)

            let canceled = try await venue.request(.DELETE, "/fapi/v1/order", query: venue.signed([
                ("symbol", SimFixture.symbol), ("origClientOrderId", "loop-1")]))
            #expect(canceled.status == 200)
            #expect(canceled.object["status"] as? String == "CANCELED")

            let again = try await venue.request(.DELETE, "/fapi/v1/order", query: venue.signed([
                ("symbol", SimFixture.symbol), ("origClientOrderId", "loop-1")]))
            #expect(again.code == -2011)
            let unknown = try await venue.request(.GET, "/fapi/v1/order", query: venue.signed([
                ("symbol", SimFixture.symbol), ("origClientOrderId", "never-sent")]))
            #expect(unknown.code == -2013)
            let journal = await venue.venue.journal()
            #expect(journal.ordersByClientOrderId == ["loop-1": 1])
        }
    }

    @Test("a working order's client order id sent again is -4116 and creates nothing")
    func duplicateClientOrderId() async throws {
        try await LoopbackHarness.with { venue in
            #expect(try await venue.placeRestingOrder("dup").status == 200)
            let second = try await venue.placeRestingOrder("dup")
            #expect(second.code == -4116)
            let journal = await venue.venue.journal()
            #expect(journal.duplicatedClientOrderIds.isEmpty)
            #expect(journal.rejectionsByCode[-4116] == 1)
        }
    }
}

@Suite("Loopback venue: faults")
struct LoopbackVenueFaultTests {
    @Test("a 5xx before processing creates no order; after processing the order exists")
    func serverErrors() async throws {
        let faults = LoopbackFaults(serverErrors: [
            .init(status: 503, count: 1, method: "POST", path: "/fapi/v1/order", phase: .before),
        ])
        try await LoopbackHarness.with(faults: faults) { venue in
            let refused = try await venue.placeRestingOrder("five-before")
            #expect(refused.status == 503)
            #expect(refused.code == -1001)
            #expect(await venue.venue.journal().entries.isEmpty)

            await venue.venue.setFaults(LoopbackFaults(serverErrors: [.init(status: 502, phase: .after)]))
            let unknown = try await venue.placeRestingOrder("five-after")
            #expect(unknown.status == 502)
            let queried = try await venue.request(.GET, "/fapi/v1/order", query: venue.signed([
                ("symbol", SimFixture.symbol), ("origClientOrderId", "five-after")]))
            #expect(queried.object["status"] as? String == "NEW")
            #expect(await venue.venue.journal().entries.first?.responseLost == true)
        }
    }

    @Test("an order whose response is lost exists when queried by client order id")
    func lostResponse() async throws {
        try await LoopbackHarness.with(faults: LoopbackFaults(lostResponses: [.init()])) { venue in
            await #expect(throws: (any Error).self) {
                _ = try await venue.placeRestingOrder("lost-1")
            }
            let queried = try await venue.request(.GET, "/fapi/v1/order", query: venue.signed([
                ("symbol", SimFixture.symbol), ("origClientOrderId", "lost-1")]))
            #expect(queried.status == 200)
            #expect(queried.object["status"] as? String == "NEW")
            let journal = await venue.venue.journal()
            #expect(journal.ordersByClientOrderId["lost-1"] == 1)
            #expect(journal.entries.first?.responseLost == true)
        }
    }

    @Test("a fault profile that fails to load names the file, the key and the problem, all at once")
    func badProfileNamesTheProblem() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loopback-faults-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(#"{"server_errors":[{"status":404}],"bann":{"retry_after_seconds":2}}"#.utf8).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: ConfigError.self) { try LoopbackFaults.load(path: path) }
        #expect(error.problems.map(\.description) == [
            "\(path): server_errors[0].status: must be in [500, 599], got 404",
            "\(path): bann: unknown key (did you mean \"ban\"?)",
        ])
        try Data(#"{"ban":{"retry_after_seconds":"two"},"lost_responses":[{"method":"FETCH"}]}"#.utf8).write(to: URL(fileURLWithPath: path))
        let second = try #require(throws: ConfigError.self) { try LoopbackFaults.load(path: path) }
        #expect(second.problems.map(\.description) == [
            #"\#(path): ban.retry_after_seconds: must be a whole number, got a string ("two")"#,
            #"\#(path): lost_responses[0].method: must be one of GET | POST | PUT | DELETE, got "FETCH""#,
        ])
        let good = try LoopbackFaults.decode(Data(#"{"lost_responses":[{}],"clock_skew_ms":-2000}"#.utf8))
        #expect(good.lostResponses == [LoopbackFaults.LostResponse()])
        #expect(good.clockSkewMs == -2000)
        let mangled = try LoopbackFaults.decode(Data(#"{"hostile_values":true,"mangled_bodies":"pad_10mb"}"#.utf8))
        #expect(mangled.hostileValues && mangled.mangledBodies == .pad10MiB)
        #expect(try LoopbackFaults.decode(mangled.jsonData()) == mangled)
        let unknown = try #require(throws: ConfigError.self) { try LoopbackFaults.decode(Data(#"{"mangled_bodies":"gzip"}"#.utf8)) }
        #expect(unknown.problems.map(\.description) == [#"faults: mangled_bodies: must be one of truncate | pad_10mb | oversize_40mb, got "gzip""#])
    }

    @Test("the bundled soak profile loads, and reads back in the keys it was written in")
    func bundledProfileRoundTrips() throws {
        let path = "\(BinanceFixtures.repositoryRoot)/ops/faults/soak.json"
        let faults = try LoopbackFaults.load(path: path)
        #expect(faults.serverErrors.first?.phase == .after)
        #expect(faults.duplicatedOrderUpdates == 5)
        #expect(try LoopbackFaults.decode(faults.jsonData()) == faults)
    }
}
