import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The HTTP plumbing both venue adapters share: the client, and one exchange bounded by the
/// adapter's own timeout on its injected clock.
enum VenueHTTP {
    /// An HTTP client for exchange traffic: the connect timeout given, and a read timeout that
    /// only backs up the request timeout the REST clients enforce on their own clock, so it never
    /// fires first.
    static func makeClient(connectTimeout: Duration, requestTimeout: Duration) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .init(connectTimeout), read: .init(requestTimeout * 2 + .seconds(30)))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Sends `request` and reads the whole answer (at most `maxBodyBytes`), within `timeout` on
    /// `clock`; the HTTP client's own deadline is only a backstop well past it. Failures are
    /// `transport` errors (a body over the limit is `malformedResponse`: a venue that sent it once
    /// will again), their text without URLs (a signed URL carries its signature).
    static func execute(_ request: HTTPClientRequest, on http: HTTPClient, timeout: Duration, clock: any Clock<Duration>,
                        maxBodyBytes: Int, context: String) async throws(ExchangeError) -> (status: HTTPResponseStatus, headers: HTTPHeaders, body: ByteBuffer) {
        do {
            return try await withTimeout(timeout, on: clock) {
                let head = try await http.execute(request, timeout: TimeAmount(timeout * 2 + .seconds(30)))
                return (head.status, head.headers, try await head.body.collect(upTo: maxBodyBytes))
            }
        } catch is NIOTooManyBytesError {
            throw .malformedResponse("\(context): body over \(maxBodyBytes >> 20) MiB")
        } catch {
            throw .transport("\(context): \(describe(error))")
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return "\(error)" }
        if let error = error as? RequestTimedOut { return "\(error)" }
        return String(describing: type(of: error)) + ": " + "\(error)".prefix(160)
    }
}
