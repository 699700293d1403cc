import Foundation
import HedgeExchange
import HedgeTestKit
import HedgeVenueServer
import NIOHTTP1
import Testing

/// Binance bans an IP that keeps calling after a 429 instead of waiting Retry-After; the loopback
/// venue does the same, so the adapter's back-off is tested against the consequence it avoids.
@Suite("Loopback venue: automatic ban after ignored 429s")
struct LoopbackVenueBanTests {
    @Test("a client that ignores Retry-After is banned (418); one that waits is not")
    func ignoringRetryAfterGetsBanned() async throws {
        let fault = LoopbackFaults(rateLimits: [.init(count: 1, retryAfterSeconds: 5, method: "GET", path: "/fapi/v1/ping")])
        try await LoopbackHarness.with(faults: fault) { venue in
            #expect(try await venue.request(.GET, "/fapi/v1/ping").status == 429)
            // Waiting out Retry-After (the wall clock is the test's) is fine …
            venue.wallMs.withLock { $0 += 5_000 }
            #expect(try await venue.request(.GET, "/fapi/v1/ping").status == 200)

            await venue.venue.setFaults(fault)
            #expect(try await venue.request(.GET, "/fapi/v1/ping").status == 429)
            // … calling again inside it twice more gets 429s, the third time a ban.
            #expect(try await venue.request(.GET, "/fapi/v1/ping").status == 429)
            #expect(try await venue.request(.GET, "/fapi/v1/time").status == 429)
            let banned = try await venue.request(.GET, "/fapi/v1/time")
            #expect(banned.status == 418)
            #expect(banned.headers["retry-after"] == "120")
            venue.wallMs.withLock { $0 += 120_000 }
            #expect(try await venue.request(.GET, "/fapi/v1/time").status == 200)
        }
    }
}
