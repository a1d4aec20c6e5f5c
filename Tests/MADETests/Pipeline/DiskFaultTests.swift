import Foundation
import Testing

@testable import MADE

/// A full disk and a read-only workspace: a clear error, exit 1, nothing half-done, and the
/// next run after the condition is fixed completes. Needs a small tmpfs (root); skipped with a
/// printed reason where the machine does not allow mounting.
@Suite(.serialized) struct DiskFaultTests {
  static let canMount: Bool = {
    let probe = FileManager.default.temporaryDirectory.appendingPathComponent(
      "made-mount-probe-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: probe) }
    guard shell("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", probe.path) == 0 else {
      print("note: DiskFaultTests skipped: this machine does not let the tests mount a tmpfs")
      return false
    }
    _ = shell("umount", probe.path)
    return true
  }()

  @discardableResult
  static func shell(_ arguments: String...) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
  }

  /// A workspace on its own small tmpfs, with a police-uk delivery of `rows` rows waiting.
  func workspace(sizeMB: Int, rows: Int) throws -> (TestWorkspace, URL) {
    let mountPoint = FileManager.default.temporaryDirectory.appendingPathComponent(
      "made-disk-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
    #expect(
      Self.shell("mount", "-t", "tmpfs", "-o", "size=\(sizeMB)m", "tmpfs", mountPoint.path) == 0)
    var config = Config.default
    config.nightly.settleSeconds = 0
    let test = try TestWorkspace(config: config, root: mountPoint.appendingPathComponent("ws"))
    var lines = [PoliceUKRows.header]
    for number in 1...rows { lines.append(PoliceUKRows.row(number, month: "2025-01")) }
    try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(
      to: test.workspace.inbox.appendingPathComponent("police-uk/2025-01.csv"))
    return (test, mountPoint)
  }

  func nightly(_ test: TestWorkspace) throws -> (Int32, String) {
    let result = try runMade(["nightly", "--quiet", "--workspace", test.root.path])
    return (result.status, result.err)
  }

  @Test(.enabled(if: canMount, "cannot mount a tmpfs here (needs root)"))
  func aFullDiskFailsCleanlyAndTheNextRunCompletes() throws {
    let (test, mountPoint) = try workspace(sizeMB: 6, rows: 12_000)
    defer {
      Self.shell("umount", mountPoint.path)
      try? FileManager.default.removeItem(at: mountPoint)
    }
    let (code, message) = try nightly(test)
    #expect(code == 1)
    #expect(message.contains("disk holding the workspace is full"), "\(message)")
    #expect(try test.count("SELECT count(*) FROM police_uk_street") <= 0)
    #expect(try test.count("SELECT count(*) FROM files WHERE status = 'loaded'") == 0)
    #expect(
      FileManager.default.fileExists(
        atPath: test.workspace.inbox.appendingPathComponent("police-uk/2025-01.csv").path))
    // Room made: the same file loads whole.
    #expect(Self.shell("mount", "-o", "remount,size=64m", mountPoint.path) == 0)
    #expect(try nightly(test).0 == 0)
    #expect(try test.count("SELECT count(*) FROM police_uk_street") == 12_000)
    #expect(try test.pipeline.verify().allSatisfy(\.passed))
  }

  @Test(.enabled(if: canMount, "cannot mount a tmpfs here (needs root)"))
  func aReadOnlyWorkspaceFailsCleanlyAndTheNextRunCompletes() throws {
    let (test, mountPoint) = try workspace(sizeMB: 32, rows: 200)
    defer {
      Self.shell("umount", mountPoint.path)
      try? FileManager.default.removeItem(at: mountPoint)
    }
    #expect(Self.shell("mount", "-o", "remount,ro", mountPoint.path) == 0)
    let (code, message) = try nightly(test)
    #expect([1, 2].contains(code), "\(code): \(message)")
    #expect(!message.isEmpty)
    #expect(Self.shell("mount", "-o", "remount,rw", mountPoint.path) == 0)
    #expect(try nightly(test).0 == 0)
    #expect(try test.count("SELECT count(*) FROM police_uk_street") == 200)
    #expect(try test.pipeline.verify().allSatisfy(\.passed))
  }
}
