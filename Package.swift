// swift-tools-version:6.2
import PackageDescription

/// Strict settings every Hedge target opts into: Swift 6 language mode (complete concurrency
/// checking) plus the upcoming features the style guide asks for.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Hedge",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "HedgeCore", targets: ["HedgeCore"]),
        .executable(name: "hedge", targets: ["hedge"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-async-algorithms", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        // Tests only: a self-signed certificate for the loopback Coinbase venue's TLS.
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.0"),
    ],
    targets: [
        // Pure, synchronous, deterministic core: model, config, risk, sizing, routing math,
        // strategies. No clock reads, no actors, no I/O beyond decoding config.
        .target(
            name: "HedgeCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            path: "Sources/Core",
            swiftSettings: strictSettings
        ),
        // Venues behind one ExchangeClient protocol: the simulated venue and Binance USD-M (REST over
        // async-http-client, HMAC signing with swift-crypto, WebSockets with HummingbirdWSClient).
        .target(
            name: "HedgeExchange",
            dependencies: [
                "HedgeCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ],
            path: "Sources/Exchange",
            swiftSettings: strictSettings
        ),
        // The daemon's durable memory behind one protocol (TradingStore): SQLite through GRDB, with
        // portable SQL for a PostgreSQL backend to come.
        .target(
            name: "HedgeStore",
            dependencies: [
                "HedgeCore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Sources/Store",
            swiftSettings: strictSettings
        ),
        // The actor mesh around the core: messages, timers, actors, persistence, Runtime.
        .target(
            name: "HedgeActors",
            dependencies: [
                "HedgeCore",
                "HedgeExchange",
                "HedgeStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "DequeModule", package: "swift-collections"),
                // NIOThreadPool: blocking file writes (fsync) off the cooperative pool.
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            path: "Sources/Actors",
            swiftSettings: strictSettings
        ),
        // The libFuzzer target over the Binance readers (scripts/fuzz.sh builds it with
        // -sanitize=fuzzer -DFUZZING; a plain build makes an executable that says so).
        .executableTarget(
            name: "HedgeFuzz",
            dependencies: ["HedgeExchange"],
            path: "Sources/Fuzz",
            swiftSettings: strictSettings
        ),
        // The loopback venue: Binance USD-M REST + WebSocket on 127.0.0.1, backed by the sim venue,
        // with scriptable faults. `hedge venue-server`, `hedge soak` and the adapter tests use it.
        .target(
            name: "HedgeVenueServer",
            dependencies: [
                "HedgeCore",
                "HedgeExchange",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Sources/VenueServer",
            swiftSettings: strictSettings
        ),
        // The operator surface: health, readiness, the state API and the kill switch over HTTP.
        .target(
            name: "HedgeOperator",
            dependencies: [
                "HedgeCore",
                "HedgeExchange",
                "HedgeActors",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Sources/Operator",
            swiftSettings: strictSettings
        ),
        // The backtest as a command runs it: bars parsed in chunks on one task, the backtest on
        // another, equity and trades written on a third, and the report's artifacts.
        .target(
            name: "HedgeResearch",
            dependencies: [
                "HedgeCore",
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
            ],
            path: "Sources/Research",
            swiftSettings: strictSettings
        ),
        // Test support shared by every test target: manual clock, fixtures.
        .target(
            name: "HedgeTestKit",
            dependencies: ["HedgeCore", "HedgeExchange", "HedgeActors", "HedgeVenueServer", "HedgeStore",
                           .product(name: "Logging", package: "swift-log")],
            path: "Tests/HedgeTestKit",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "hedge",
            dependencies: [
                "HedgeCore",
                "HedgeExchange",
                "HedgeActors",
                "HedgeVenueServer",
                "HedgeResearch",
                "HedgeStore",
                "HedgeOperator",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            path: "Sources/Main",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HedgeCoreTests",
            dependencies: ["HedgeCore", "HedgeTestKit"],
            path: "Tests/HedgeCoreTests",
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HedgeExchangeTests",
            dependencies: [
                "HedgeExchange", "HedgeVenueServer", "HedgeTestKit",
                "HedgeCore", "HedgeActors",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            path: "Tests/HedgeExchangeTests",
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HedgeOperatorTests",
            dependencies: [
                "HedgeCore", "HedgeExchange", "HedgeActors", "HedgeStore", "HedgeOperator", "HedgeTestKit",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/HedgeOperatorTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HedgeActorsTests",
            dependencies: [
                "HedgeCore", "HedgeExchange", "HedgeActors", "HedgeStore", "HedgeTestKit",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ],
            path: "Tests/HedgeActorsTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HedgeStoreTests",
            dependencies: ["HedgeCore", "HedgeStore", "HedgeTestKit", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/HedgeStoreTests",
            swiftSettings: strictSettings
        ),
        // Runs the built `hedge` binary: exit codes and output as an operator sees them.
        .testTarget(
            name: "HedgeCLITests",
            dependencies: [
                "hedge", "HedgeActors", "HedgeVenueServer", "HedgeCore", "HedgeExchange",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/HedgeCLITests",
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
