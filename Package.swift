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
        // Venues behind one ExchangeClient protocol: the simulated venue now, Binance and Coinbase later.
        .target(
            name: "HedgeExchange",
            dependencies: [
                "HedgeCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
            ],
            path: "Sources/Exchange",
            swiftSettings: strictSettings
        ),
        // The actor mesh around the core: messages, timers, actors, persistence, Runtime.
        .target(
            name: "HedgeActors",
            dependencies: [
                "HedgeCore",
                "HedgeExchange",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            path: "Sources/Actors",
            swiftSettings: strictSettings
        ),
        // Test support shared by every test target: manual clock, fixtures.
        .target(
            name: "HedgeTestKit",
            dependencies: ["HedgeCore", "HedgeExchange", "HedgeActors", .product(name: "Logging", package: "swift-log")],
            path: "Tests/HedgeTestKit",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "hedge",
            dependencies: [
                "HedgeCore",
                "HedgeExchange",
                "HedgeActors",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
            ],
            path: "Sources/Main",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HedgeCoreTests",
            dependencies: ["HedgeCore"],
            path: "Tests/HedgeCoreTests",
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HedgeExchangeTests",
            dependencies: ["HedgeExchange", "HedgeTestKit"],
            path: "Tests/HedgeExchangeTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HedgeActorsTests",
            dependencies: ["HedgeActors", "HedgeTestKit", .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle")],
            path: "Tests/HedgeActorsTests",
            swiftSettings: strictSettings
        ),
        // Runs the built `hedge` binary: exit codes and output as an operator sees them.
        .testTarget(
            name: "HedgeCLITests",
            dependencies: ["hedge", "HedgeActors"],
            path: "Tests/HedgeCLITests",
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
