import Hummingbird
import NIOCore

/// The request context of the loopback venue: Hummingbird's core storage plus the connection's
/// channel, which the lost-response fault closes without answering.
struct LoopbackRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
