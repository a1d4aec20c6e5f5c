import Foundation
import Testing

@testable import MADE

/// `[[csp]]` tables in made.toml: community safety partnerships as groups of the area's LADs.
@Suite struct ConfigPartnershipTests {
  func load(_ partnerships: String) throws -> Config {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("made-config-\(UUID().uuidString).toml")
    defer { try? FileManager.default.removeItem(at: url) }
    try """
    [area]
    name = "Test"
    lad_codes = ["E07000123", "E07000118", "E07000117"]
    [ingest]
    max_field_bytes = 2000
    \(partnerships)
    """.write(to: url, atomically: true, encoding: .utf8)
    return try Config.load(from: url)
  }

  func message(_ partnerships: String) -> String {
    do {
      _ = try load(partnerships)
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  @Test func readsPartnershipsAndAllowsNone() throws {
    let config = try load(
      """
      [[csp]]
      code = "CSP-C"
      name = "Central"
      lad_codes = ["E07000123", "E07000118"]
      """)
    #expect(
      config.partnerships == [
        Config.Partnership(code: "CSP-C", name: "Central", ladCodes: ["E07000123", "E07000118"])
      ])
    #expect(try load("").partnerships.isEmpty)
  }

  @Test func refusesADistrictOutsideTheAreaOrInTwoPartnerships() {
    #expect(
      message("[[csp]]\ncode = \"A\"\nname = \"A\"\nlad_codes = [\"E08000010\"]\n")
        .contains("lists E08000010, which is not in [area] lad_codes"))
    let twice = """
      [[csp]]
      code = "A"
      name = "A"
      lad_codes = ["E07000123"]
      [[csp]]
      code = "B"
      name = "B"
      lad_codes = ["E07000123"]
      """
    #expect(message(twice).contains("E07000123 is in two partnerships, 'A' and 'B'"))
    #expect(
      message("[[csp]]\ncode = \"county\"\nname = \"A\"\nlad_codes = [\"E07000123\"]\n")
        .contains("code \"county\" is 'county', which `made export --area` already means"))
  }

  @Test func theSampleConfigGroupsEveryLancashireDistrictOnce() {
    let grouped = Config.default.partnerships.flatMap(\.ladCodes)
    #expect(grouped.sorted() == Config.lancashireLADs.sorted())
  }
}
