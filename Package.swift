// swift-tools-version:6.2
import PackageDescription

// Module map (arrows point at what is imported):
//
//   openai-doctor ─▶ DoctorCLI ─┬─▶ DoctorProbes ─▶ DoctorCore
//                               ├─▶ DoctorScan ───▶ DoctorCore   (and the C kernel DoctorScanKernel, behind one facade)
//                               ├─▶ DoctorMock ───▶ DoctorCore
//                               ├─▶ DoctorMonitor ─▶ DoctorProbes
//                               └─▶ DoctorClient ─▶ DoctorCore   (DoctorClientURLSession: the URLSession adapter, apart)
//
//   openai-doctor-mcp ─┬─▶ DoctorMCP ─▶ DoctorProbes, DoctorScan, MCP (the official Swift SDK)
//                      └─▶ DoctorCLI   (`check` flag resolution, logging, the error edge); `openai-doctor mcp` execs it
//
// DoctorCore has no dependency at all (FoundationEssentials only) and no file, socket or thread
// of its own, so that an app can take the taxonomy, classifier, key inspection, the redaction of
// one text and the retry policy without pulling NIO. The streaming redaction and audit engine
// (files, HAR, parallel ranges, git-ignore walking, SARIF) is DoctorScan, over its C kernel.
// The mock and the probes sit on SwiftNIO directly rather than Hummingbird or
// async-http-client: both need control below HTTP (phase timings and certificate chains on
// the client side, resets, stalls and broken framing on the server side), which those
// higher layers hide, and leaving them out saves several minutes of every cold build.
//
// What only `check`, `verify`, `baseline`, `report`, `monitor` and the MCP server use lives in
// DoctorProbes beside the probes that fill it: the configuration (environment, `.env`,
// proxies, endpoint URL), the check, verify and baseline reports with their renderers, and
// the network facts read live (trace, status page, interception markers). A separate report
// module was weighed and left out: every module that uses those models (the CLI, the monitor,
// the MCP server) links the probes anyway, and the probes build the models as they run, so a
// second module would only add an import to each of their files. The facts the classifier
// reads (Cloudflare ranges, supported countries, OpenAI hosts, IP addresses), the Diagnosis
// and the text, Markdown and JSON renderers `explain` uses stay in DoctorCore.

let package = Package(
    name: "openai-doctor",
    // The library products build for Apple platforms too (the CLI, mock and monitor are for
    // Linux and macOS): no Linux-only call outside `#if`.
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .visionOS(.v2)],
    products: [
        .library(name: "OpenAIDoctorCore", targets: ["DoctorCore"]),
        .library(name: "OpenAIDoctorScan", targets: ["DoctorScan"]),
        .library(name: "OpenAIDoctorClient", targets: ["DoctorClient", "DoctorClientURLSession"]),
        .library(name: "OpenAIDoctorProbes", targets: ["DoctorProbes"]),
        .library(name: "OpenAIDoctorMock", targets: ["DoctorMock"]),
        .executable(name: "openai-doctor", targets: ["openai-doctor"]),
        .executable(name: "openai-doctor-mcp", targets: ["openai-doctor-mcp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk.git", from: "0.12.1"),
    ],
    targets: [
        // What an app embeds: taxonomy, evidence, classification, retry policy, key inspection and
        // fingerprints, the redaction of one text in memory. No dependency, no file, socket or thread.
        .target(name: "DoctorCore"),
        // The byte-scanning kernels (AVX-512/AVX2/SSSE3/scalar behind a CPUID check) under the
        // streaming scanner; C because Swift cannot compile one function for AVX2 and the rest for
        // the baseline CPU. Plain C, no dependencies; only DoctorScan's `ScanKernel` calls it.
        .target(name: "DoctorScanKernel"),
        // The streaming redaction and audit engine: files of any size, HAR documents, parallel
        // ranges, git-ignore walking, error-record census, SARIF. Core's scanner, searched by the
        // C kernel through one facade (`ScanKernel`).
        .target(name: "DoctorScan", dependencies: ["DoctorCore", "DoctorScanKernel"]),
        .target(
            name: "DoctorClient",
            dependencies: [
                "DoctorCore",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The URLSession adapter lives apart: FoundationNetworking brings libcurl and about 25
        // shared libraries (GnuTLS, Kerberos, LDAP…) that every process start would load; the
        // CLI uses the client over its own NIO transport and does not need them.
        .target(
            name: "DoctorClientURLSession",
            dependencies: ["DoctorClient", "DoctorCore", .product(name: "Logging", package: "swift-log")]
        ),
        // The live checks and everything only they and their users need: configuration, the check,
        // verify and baseline models and renderers, network facts, and `explain` of a saved report.
        .target(
            name: "DoctorProbes",
            dependencies: [
                "DoctorCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The mock server: its scenarios, canned answers and edge pages (Scenarios/, which only the
        // mock serves), the core that plans each request's answer as a value (Server/MockCore), and
        // the NIO handlers that write it, faults below HTTP included.
        .target(
            name: "DoctorMock",
            dependencies: [
                "DoctorCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "DoctorMonitor",
            dependencies: [
                "DoctorCore",
                "DoctorProbes",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // `openai-doctor mcp`: the Model Context Protocol server over stdio, a thin shell over the
        // core and the probes. Only this module and its executable see the MCP SDK: the SDK brings
        // full Foundation and FoundationNetworking (libcurl and its ~25 libraries) into any binary
        // that links it, so `openai-doctor` itself does not, and `mcp` execs `openai-doctor-mcp`.
        .target(
            name: "DoctorMCP",
            dependencies: [
                "DoctorCore",
                "DoctorProbes",
                "DoctorScan",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "DoctorCLI",
            dependencies: [
                "DoctorCore",
                "DoctorClient",
                "DoctorProbes",
                "DoctorScan",
                "DoctorMock",
                "DoctorMonitor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A runnable example of the retry wrapper (URLSession + swift-log only; see its main.swift).
        .executableTarget(
            name: "doctor-client-example",
            dependencies: [
                "DoctorClient", "DoctorClientURLSession", "DoctorCore", .product(name: "Logging", package: "swift-log"),
            ],
            path: "Examples/DoctorClientExample"
        ),
        // The URLSession drop-in (DoctorURLProtocol) under an SDK-style chat call: one JSON line per failure.
        .executableTarget(
            name: "doctor-sdk-example",
            dependencies: ["DoctorClientURLSession", "DoctorCore", .product(name: "Logging", package: "swift-log")],
            path: "Examples/DoctorSDKExample"
        ),
        .executableTarget(
            name: "openai-doctor",
            dependencies: [
                "DoctorCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "openai-doctor-mcp",
            dependencies: [
                "DoctorMCP", "DoctorCLI", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks (Benchmarks/README.md): release builds of these compile only what they import.
        .executableTarget(
            name: "explain-bench",
            dependencies: ["DoctorCore"],
            path: "Benchmarks/explain/Sources/ExplainBench"
        ),
        // Trains and cross-validates the learned last stage of `explain` on the fixture corpus
        // (scripts/train-explain-model.sh runs it in a package of its own; `swift run -c release
        // explain-train --root .` here). It reads the fixtures through DoctorTestSupport's ExplainFixture.
        .executableTarget(name: "explain-train", dependencies: ["DoctorCore", "DoctorTestSupport"]),
        // What the tests share (Tests/DoctorTestSupport): the one key generator of every shape, the
        // one process runner (posix_spawn, not Foundation's Process) and the one way to find a built
        // executable beside the runner (ToolProcess runs openai-doctor), the one HTTP head parser
        // and the one Prometheus text parser.
        .target(name: "DoctorTestSupport", dependencies: ["DoctorCore"], path: "Tests/DoctorTestSupport"),
        // Fixtures are read from the source tree (#filePath), not bundled: they are data for
        // the tests, and Bundle would pull full Foundation into every test build.
        .testTarget(
            name: "DoctorCoreTests", dependencies: ["DoctorCore", "DoctorTestSupport"], exclude: ["Fixtures"]),
        // The scanning module, and its kernel against the core's Swift search (they must agree).
        .testTarget(
            name: "DoctorScanTests",
            dependencies: ["DoctorScan", "DoctorScanKernel", "DoctorCore", "DoctorTestSupport"]),
        .testTarget(
            name: "DoctorClientTests",
            dependencies: [
                "DoctorClient", "DoctorClientURLSession", "DoctorCore", "DoctorMock", "DoctorTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ]
        ),
        // The mock's core in process where the socket is not the point (what a scenario serves, sequences,
        // the admin API); real sockets for faults, framing, TLS and the WebSocket switch.
        // NIO's HTTP types too: the mock's plain reading of a request is checked against NIO's.
        .testTarget(
            name: "DoctorMockTests",
            dependencies: [
                "DoctorMock", "DoctorCore", "DoctorTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "DoctorProbesTests", dependencies: ["DoctorProbes", "DoctorMock", "DoctorCore", "DoctorTestSupport"]),
        .testTarget(
            name: "DoctorMonitorTests",
            dependencies: [
                "DoctorMonitor", "DoctorMock", "DoctorProbes", "DoctorCore", "DoctorTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // The MCP tool handlers called in process (the Python client in Tests/mcp drives the binary).
        .testTarget(
            name: "DoctorMCPTests",
            dependencies: [
                "DoctorMCP", "DoctorCLI", "DoctorCore", "DoctorMock", "DoctorProbes", "DoctorTestSupport",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The command tree in process: parsing, help listings, the error and output edges.
        .testTarget(
            name: "DoctorCLITests",
            dependencies: [
                "DoctorCLI", "DoctorCore", "DoctorMonitor", "DoctorTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The real binaries as a person or another tool runs them (exit codes, streams, signals):
        // `openai-doctor` and its commands, `openai-doctor mcp` (which execs openai-doctor-mcp),
        // and doctor-sdk-example. The only test target that depends on executables, so that
        // `swift test` builds them; every other target tests its module in process.
        .testTarget(
            name: "DoctorEndToEndTests",
            dependencies: [
                "DoctorCore", "DoctorMock", "DoctorProbes", "DoctorTestSupport",
                "openai-doctor", "openai-doctor-mcp", "doctor-sdk-example",
            ],
            exclude: ["Golden"]  // the recorded JSON outputs GoldenOutputTests compares with, read from the source tree
        ),
    ]
)

for target in package.targets {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
