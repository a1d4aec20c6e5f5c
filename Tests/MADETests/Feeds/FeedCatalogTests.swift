import Foundation
import Testing

@testable import MADE

/// Schemas a workspace adds or overrides are checked when they load, so that a mistake stops
/// the run with a message instead of rejecting every row of every delivery.
@Suite struct FeedCatalogTests {
  /// Writes `folder/yot-offences.schema.json`: the built-in schema with the `format` of
  /// field `field` replaced by `format`. Returns the folder.
  @discardableResult
  func writeOverride(field: String, format: String, into folder: URL? = nil) throws -> URL {
    let folder =
      folder
      ?? FileManager.default.temporaryDirectory
      .appendingPathComponent("made-catalog-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let builtIn = try #require(
      FeedCatalog.builtIn.first { $0.name == "yot-offences" }.map { Data($0.json) })
    var schema = try #require(try JSONSerialization.jsonObject(with: builtIn) as? [String: Any])
    var fields = try #require(schema["fields"] as? [[String: Any]])
    let index = try #require(fields.firstIndex { $0["name"] as? String == field })
    fields[index]["format"] = format
    schema["fields"] = fields
    try JSONSerialization.data(withJSONObject: schema).write(
      to: folder.appendingPathComponent("yot-offences.schema.json"))
    return folder
  }

  @Test(arguments: [
    ("dd/mm/yyyy", "%d/%m/%Y"), ("YYYY-MM-DD", "%Y-%m-%d"), ("d/m/yyyy", "%d/%m/%Y"),
    ("date", "%Y-%m-%d"), ("dd/MM/yyyy HH:mm", "%d/%m/%Y %H:%M"),
  ])
  func refusesADateFormatWithoutADirectiveAndSaysWhatToWrite(format: String, instead: String)
    throws
  {
    let folder = try writeOverride(field: "Offence Date", format: format)
    defer { try? FileManager.default.removeItem(at: folder) }
    let error = try #require(throws: ConfigurationError.self) {
      try FeedCatalog(overrideDirectory: folder)
    }
    let file = folder.appendingPathComponent("yot-offences.schema.json").path
    #expect(
      error.description
        == "\(file): feed yot-offences: field 'Offence Date': format '\(format)' has no % "
        + "directive, so no value can match it; write '\(instead)' (%d day, %m month, %Y year, "
        + "%H hour, %M minute, %S second)")
  }

  @Test func refusesATimeFormatWithoutADirective() throws {
    let spec = try feedSpec(
      withField: #"{"name": "T", "column": "t", "type": "time", "format": "HH:mm"}"#)
    let error = try #require(throws: ConfigurationError.self) { try spec.check() }
    #expect(error.description.contains("field 'T': format 'HH:mm' has no % directive"))
    #expect(error.description.contains("write '%H:%M'"))
  }

  @Test func refusesAnUnsupportedDirectiveWhenTheSchemaLoads() throws {
    let folder = try writeOverride(field: "Offence Date", format: "%d/%b/%Y")
    defer { try? FileManager.default.removeItem(at: folder) }
    let error = try #require(throws: ConfigurationError.self) {
      try FeedCatalog(overrideDirectory: folder)
    }
    #expect(error.description.contains("yot-offences.schema.json: feed yot-offences: "))
    #expect(error.description.contains("'%d/%b/%Y' uses an unsupported directive"))
  }

  /// Frictionless's `default` and `any` formats mean the type's default: ISO dates here; and
  /// Table Schema v1's `fmt:` prefix is read past.
  @Test(arguments: ["default", "any", "fmt:%Y-%m-%d"])
  func loadsTheFrictionlessDefaultAndAnyFormats(format: String) throws {
    let test = try TestWorkspace()
    try writeOverride(
      field: "Offence Date", format: format, into: test.workspace.schemaOverrides)
    let catalog = try FeedCatalog(overrideDirectory: test.workspace.schemaOverrides)
    #expect(try catalog.feed(named: "yot-offences").field(named: "Offence Date")?.format == format)
    let text =
      "Case ID,Date of Birth,Sex,Ethnicity,Home Postcode,Offence Date,HO Offence Code,"
      + "Offence Category,Outcome Tier,First Time Entrant\r\n"
      + "YC-00340,29/02/2008,F,Mixed,pr7 1aa,2024-02-28,34B,Robbery,Custody,Y\r\n"
    let path = try test.temporaryFile("iso.csv", contents: Data(text.utf8))
    let outcome = try Pipeline(workspace: test.workspace).ingest(
      paths: [path], feed: "yot-offences")[0]
    #expect(outcome.rowsLoaded == 1)
    #expect(try test.strings("SELECT offence_date FROM yot_offences") == ["2024-02-28"])
  }
}
