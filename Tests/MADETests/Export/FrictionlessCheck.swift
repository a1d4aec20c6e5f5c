import Foundation
import Testing

/// Runs the Python `frictionless validate` on packs: the external check that each is a valid
/// Data Package whose CSVs match their Table Schemas.
///
/// `scripts/install-test-tools` installs it into `.build-tools/venv`; `.ci/run` sets
/// `MADE_REQUIRE_FRICTIONLESS=1`, so there a missing validator fails the test instead of
/// skipping it. Without the validator `FrictionlessPackTests` is reported as skipped, with
/// the reason, and other tests' calls check nothing.
enum FrictionlessCheck {
  static var executable: URL {
    TestTool.executable("frictionless")
  }

  static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: executable.path) }

  /// True when a missing validator must fail the tests rather than skip them (CI).
  static var isRequired: Bool {
    ProcessInfo.processInfo.environment["MADE_REQUIRE_FRICTIONLESS"] == "1"
  }

  static func validate(_ zips: [URL]) throws {
    guard isInstalled else {
      if isRequired {
        Issue.record("frictionless is not installed: run scripts/install-test-tools")
      }
      return
    }
    for zip in zips {
      let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("made-pack-\(UUID().uuidString)")
      defer { try? FileManager.default.removeItem(at: folder) }
      for (name, bytes) in try PackAudit.entries(zip) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try bytes.write(to: folder.appendingPathComponent(name))
      }
      let (status, text) = try TestTool.run(
        executable, ["validate", "datapackage.json"], in: folder)
      #expect(status == 0, "\(zip.lastPathComponent): \(text)")
    }
  }
}
