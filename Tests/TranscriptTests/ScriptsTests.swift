import Foundation
import Testing

/// `scripts/build-release` (behind `scripts/run`, `scripts/demo`, `scripts/install`): it builds once,
/// says what and why, then starts the built binary without asking `swift build` again until a source changes.
@Suite("Scripts")
struct ScriptsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs scripts/build-release with a stand-in `swift` that logs each build and makes an empty binary.
    final class FakeToolchain {
        let folder: URL
        var log: URL { folder.appendingPathComponent("swift.log") }
        var scratch: URL { folder.appendingPathComponent("scratch") }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntm-scripts-\(UUID().uuidString)")
            let bin = folder.appendingPathComponent("bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            let swift = bin.appendingPathComponent("swift")
            try """
                #!/bin/sh
                scratch="\(scratch.path)"
                case " $* " in
                    *" --show-bin-path "*) echo "$scratch/release" ;;
                    *) echo "build $*" >> "\(log.path)"; mkdir -p "$scratch/release"; printf '#!/bin/sh\\n' > "$scratch/release/ntm"; chmod +x "$scratch/release/ntm" ;;
                esac
                """.write(to: swift, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: swift.path)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        func buildRelease() throws -> (path: String, messages: String, status: Int32) {
            let process = Process()
            process.executableURL = ScriptsTests.root.appendingPathComponent("scripts/build-release")
            var environment = ProcessInfo.processInfo.environment
            environment["PATH"] = folder.appendingPathComponent("bin").path + ":/usr/bin:/bin"
            environment["NTM_BUILD_SCRATCH"] = scratch.path
            process.environment = environment
            let output = Pipe(), errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            let path = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let messages = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (path.trimmingCharacters(in: .newlines), messages, process.terminationStatus)
        }

        var builds: Int {
            ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").count
        }
    }

    @Test("the first run says what it builds and why; later runs start the built binary without building")
    func buildsOnceThenReuses() throws {
        let toolchain = try FakeToolchain()
        let first = try toolchain.buildRelease()
        #expect(first.status == 0, "\(first.messages)")
        #expect(first.messages.contains("building ntm in release mode"))
        #expect(first.messages.contains("several minutes"))
        #expect(first.path == toolchain.scratch.path + "/release/ntm")
        #expect(toolchain.builds == 1)

        let second = try toolchain.buildRelease()
        #expect(second.status == 0)
        #expect(second.path == first.path)
        #expect(second.messages == "", "nothing to say when nothing is built")
        #expect(toolchain.builds == 1, "no second call to swift build")
    }

    @Test("a change in the sources (another stamp) rebuilds, and says why")
    func rebuildsWhenSourcesChange() throws {
        let toolchain = try FakeToolchain()
        _ = try toolchain.buildRelease()
        let stamp = toolchain.scratch.appendingPathComponent("ntm-release.stamp")
        let lines = try String(contentsOf: stamp, encoding: .utf8).split(separator: "\n")
        try "0000\n\(lines[1])\n".write(to: stamp, atomically: true, encoding: .utf8)
        let again = try toolchain.buildRelease()
        #expect(again.messages.contains("sources changed since the last build"))
        #expect(toolchain.builds == 2)
    }
}
