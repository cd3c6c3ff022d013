// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ntm",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ntm", targets: ["ntm"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // libedit, the BSD line editor (Debian: libedit-dev), with non-variadic shims.
        .systemLibrary(
            name: "CLibEdit",
            path: "Sources/CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "LineEditor", dependencies: ["CLibEdit"]),
        // The engine: knows no domain.
        .target(name: "ShellKit"),
        // SQLite settings that must be made before its first use, through its variadic sqlite3_config.
        .target(name: "CSQLiteSetup", linkerSettings: [.linkedLibrary("sqlite3")]),
        // The domain: knows no shell.
        .target(
            name: "NTMCore",
            dependencies: ["CSQLiteSetup", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["API.md"]
        ),
        // The bridge: how the domain's errors read in the shell (for the executable and the plugins' tests),
        // and what every plugin's commands share (workspace access, unit arguments with completion).
        .target(name: "DomainShell", dependencies: ["ShellKit", "NTMCore"]),
        // Plugins: one folder each, ShellKit + NTMCore (+ the DomainShell bridge) only.
        .target(name: "Programme", dependencies: ["ShellKit", "NTMCore"], path: "Plugins/Programme"),
        .target(name: "EHealth", dependencies: ["ShellKit", "NTMCore", "DomainShell"], path: "Plugins/EHealth"),
        .target(name: "Telecom", dependencies: ["ShellKit", "NTMCore", "DomainShell"], path: "Plugins/Telecom"),
        .target(name: "Training", dependencies: ["ShellKit", "NTMCore", "DomainShell"], path: "Plugins/Training"),
        .target(name: "Workflow", dependencies: ["ShellKit", "NTMCore", "DomainShell"], path: "Plugins/Workflow"),
        .executableTarget(
            name: "ntm",
            dependencies: [
                "LineEditor", "ShellKit", "NTMCore", "DomainShell", "Programme", "EHealth", "Telecom", "Training", "Workflow",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Test support: a pseudo-terminal driver in C (posix_openpt, posix_spawn with an empty signal mask).
        .target(name: "CPseudoTerminal", path: "Tests/Support/CPseudoTerminal"),
        // Test support: a workspace with one plugin and a shell over it, for each plugin's tests.
        .target(name: "WorkspaceTestSupport", dependencies: ["DomainShell", "NTMCore", "ShellKit"],
                path: "Tests/Support/WorkspaceTestSupport"),
        .testTarget(name: "ShellKitTests", dependencies: ["ShellKit"]),
        .testTarget(name: "NTMCoreTests", dependencies: ["NTMCore"]),
        .testTarget(name: "EHealthTests", dependencies: ["EHealth", "NTMCore", "ShellKit", "WorkspaceTestSupport"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "NTMCore", "ShellKit", "WorkspaceTestSupport"]),
        .testTarget(name: "TelecomTests", dependencies: ["Telecom", "NTMCore", "ShellKit", "WorkspaceTestSupport"]),
        .testTarget(name: "WorkflowTests", dependencies: ["Workflow", "NTMCore", "ShellKit", "WorkspaceTestSupport"]),
        .testTarget(name: "TranscriptTests", dependencies: ["ntm"], exclude: ["checks", "fuzz"]),
        .testTarget(name: "TerminalTests", dependencies: ["ntm", "CPseudoTerminal"]),
    ]
)
