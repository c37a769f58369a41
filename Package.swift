// swift-tools-version:6.0
import PackageDescription

// Each target declares exactly the modules its files import (scripts/check-imports.sh checks it).
// The dependency rule (see ARCHITECTURE.md):
//   meshtop -> Dashboard, TerminalUI, MeshAPI, MeshConfig, MeshStandIn, MeshJobs
//   MeshJobs -> MeshAPI, GRDB (the job journal and runner; Dashboard never imports it)
//   TerminalUI -> Dashboard, CNcurses
//   Dashboard -> MeshAPI (wire types only; talks to the API through a protocol)
//   MeshStandIn -> MeshAPI (wire types, so client and server cannot drift apart)
//   meshtop-bench -> Dashboard, MeshAPI, MeshJobs (figures of the hot paths, run on purpose)
let package = Package(
    name: "meshtop",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "meshtop", targets: ["meshtop"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        // Already in the graph through Hummingbird and AsyncHTTPClient; named because targets import
        // their modules directly (every target declares exactly what it imports).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // Already in the graph through AsyncHTTPClient; named for the job journal's input digest.
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcurses",
            path: "Sources/CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .target(
            name: "MeshAPI",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // The transport errors MeshClient sorts (NIOConnectionError, IOError) and its body buffers.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(
            name: "MeshStandIn",
            dependencies: [
                "MeshAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                // `--upstream`: each item is sent to a real OpenAI-compatible server.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                // The NIO handlers in front of Hummingbird's codec (PipelineInstaller and its handlers).
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                // The server runs as a service of a ServiceGroup (graceful shutdown on SIGTERM).
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources/catalog.json")]
        ),
        // `meshtop jobs`: the journal (GRDB), the planner, the retry rule, the lease and the runner.
        .target(
            name: "MeshJobs",
            dependencies: [
                "MeshAPI",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Dashboard",
            dependencies: ["MeshAPI"]
        ),
        .target(
            name: "TerminalUI",
            dependencies: ["Dashboard", "MeshAPI", "CNcurses", .product(name: "TOMLKit", package: "TOMLKit")],
            // BuiltinThemes.swift, made from themes/*.toml (the one copy of the themes).
            plugins: ["EmbedThemes"]
        ),
        .executableTarget(
            name: "meshtop",
            dependencies: [
                "MeshAPI", "MeshConfig", "MeshStandIn", "MeshJobs", "Dashboard", "TerminalUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // A release build on Linux, linked by gold (swiftc's linker there, named so that a toolchain
            // defaulting to another one fails plainly instead of skipping the order):
            // - exports no symbols it does not need: swiftc links executables with --export-dynamic,
            //   which put all 48,000 of meshtop's (and, with --static-swift-stdlib, the runtime's) into
            //   a 1.1 MB dynamic symbol table the loader reads at every start (DECISIONS.md, "The first
            //   frame"). Debug builds keep them: the test bundles link against this module.
            // - places the functions the dashboard runs at start together, in one run of pages (gold
            //   puts the listed sections after the unlisted ones): Linker/startup.order, made by
            //   scripts/make-startup-order.sh (DECISIONS.md, "The startup functions, together"). It
            //   orders what has a section of its own: the runtime's and Foundation's public functions
            //   always, everything else in the shipped build (scripts/build-release.sh).
            linkerSettings: [.unsafeFlags(["-use-ld=gold", "-Xlinker", "--no-export-dynamic",
                                           "-Xlinker", "--section-ordering-file=\(Context.packageDirectory)/Linker/startup.order"],
                                          .when(platforms: [.linux], configuration: .release))],
            plugins: ["BuildCommit"]
        ),
        // Writes the commit a build was made from into `meshtop`, for `meshtop --version`.
        .plugin(name: "BuildCommit", capability: .buildTool()),
        // Embeds themes/*.toml into TerminalUI as BuiltinThemes.swift.
        .plugin(name: "EmbedThemes", capability: .buildTool()),
        .target(
            name: "MeshConfig",
            dependencies: ["MeshAPI", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .executableTarget(name: "meshtop-bench", dependencies: ["Dashboard", "MeshAPI", "MeshJobs"]),
        // What the test targets share (the real binary and `meshtop serve` as a child, the stand-in
        // harnesses, the scripted HTTP server, the request builders); a library under Tests/ that
        // only test targets may depend on.
        .target(
            name: "MeshtopTestSupport",
            dependencies: ["MeshAPI", "MeshStandIn", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HTTPTypes", package: "swift-http-types"),
                           .product(name: "Logging", package: "swift-log")],
            path: "Tests/MeshtopTestSupport"
        ),
        .testTarget(
            name: "MeshAPITests",
            dependencies: [
                // Dashboard for `TextWidth` (the terminal-safety tests measure columns as the tables
                // do); meshtop for its log handler, tested in process (and Logging to drive it).
                "MeshAPI", "MeshConfig", "Dashboard", "meshtop", "MeshtopTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "MeshStandInTests",
            // Hummingbird to name the request context of the middleware whose log line is tested.
            dependencies: ["MeshAPI", "MeshStandIn", "MeshtopTestSupport", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "NIOCore", package: "swift-nio")]
        ),
        .testTarget(
            name: "DashboardTests",
            dependencies: ["Dashboard", "MeshAPI"],
            exclude: ["Snapshots"]
        ),
        // `meshtop jobs` end to end: the real binary against `meshtop serve`, killed and restarted.
        .testTarget(name: "JobsTests", dependencies: ["MeshAPI", "MeshtopTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["MeshAPI", "Dashboard", "TerminalUI", "MeshtopTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
