import Foundation
import Testing

@testable import MADE

@Suite struct ConfigTests {
  @Test func pointsAtTheLineAndColumnOfBrokenTOML() throws {
    let test = try TestWorkspace(loadReference: false)
    try "[area]\nname = \"x\"\nlad_codes = [\n".write(
      to: test.workspace.configURL, atomically: true, encoding: .utf8)
    #expect {
      try Pipeline(workspace: test.workspace)
    } throws: { error in
      "\(error)".contains("made.toml, line 3, column")
    }
  }

  @Test func namesAMissingSetting() throws {
    let test = try TestWorkspace(loadReference: false)
    try "[area]\nname = \"x\"\n[ingest]\nmax_field_bytes = 2000\n".write(
      to: test.workspace.configURL, atomically: true, encoding: .utf8)
    #expect {
      try Pipeline(workspace: test.workspace)
    } throws: { error in
      "\(error)".contains("setting 'area.lad_codes' is missing")
    }
  }

  @Test func writesACommentedConfigThatReadsBackAsTheDefault() throws {
    let test = try TestWorkspace(loadReference: false)
    #expect(try test.workspace.loadConfig() == Config.default)
  }
}
