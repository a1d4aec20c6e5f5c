import Foundation
import Testing

@testable import MADE

@Suite struct MethodClassificationTests {
  /// The rules as shipped (the same list as SampleData's).
  func classifier() throws -> MethodClassifier {
    let test = try TestWorkspace()
    return MethodClassifier(rules: try test.warehouse().classificationRules("method-rules"))
  }

  @Test(arguments: [
    ("stabbed", "sharp_object"), ("Stabbed with knife", "sharp_object"), ("knfe", "sharp_object"),
    ("kinfe", "sharp_object"), ("KNIFE!!", "sharp_object"), ("stabed", "sharp_object"),
    ("glassed", "sharp_object"), ("broken botle", "sharp_object"),
    ("bottle, glass", "sharp_object"),
    ("punched", "body_part"), ("kicked and punched", "body_part"), ("headbutted", "body_part"),
    ("hit with bat", "blunt_object"), ("baseball bat", "blunt_object"), ("hammer", "blunt_object"),
    ("gun", "firearm"), ("shot", "firearm"), ("punched then shot", "firearm"),
    ("hot drink thrown", "unknown"), ("", "unknown"), ("unclear", "unknown"),
    ("acid thrown", "other"), ("bitten by dog", "other"), ("bitten", "body_part"),
    ("punched, stable on arrival", "body_part"), ("hair pulled", "unknown"),
    ("swore at then punched", "body_part"), ("fell on grass", "unknown"),
    ("threatened with knives", "sharp_object"), ("shooting", "firearm"),
    ("held at gunpoint", "firearm"), ("punched in bar", "body_part"),
    ("stabbing", "sharp_object"),
  ])
  func classifiesMethodTextIncludingTypos(text: String, category: String) throws {
    #expect(try classifier().category(of: text) == category, "\(text)")
  }

  @Test func setsTheSharpObjectFlagFromTheCategory() throws {
    let test = try TestWorkspace()
    try test.ingest("feeds/ae-attendances-small.csv", feed: "ae-attendances")
    #expect(
      try test.strings(
        "SELECT line, method_category, sharp_object FROM ae_attendances ORDER BY line") == [
          "2|sharp_object|1", "3|sharp_object|1", "4|body_part|0", "5|sharp_object|1",
        ])
    let columns = try test.strings("SELECT name FROM pragma_table_info('ae_attendances')")
    #expect(!columns.contains("method_text"))
  }

  @Test func refusesTheFeedUntilTheRulesAreLoaded() throws {
    let test = try TestWorkspace()
    _ = try test.warehouse().query("DELETE FROM ref_method_rules")
    let outcome = try test.ingest("feeds/ae-attendances-small.csv", feed: "ae-attendances")
    #expect(outcome.status == .notLoaded)
    #expect(outcome.message?.contains("made reference load method-rules") == true)
  }
}
