import Foundation
import Testing

@testable import MADE

/// The data dictionary documents everything a migrated warehouse holds, and nothing that it
/// does not: a new migration, feed field or indicator without a description fails here.
@Suite struct DataDictionaryTests {
  /// Tables and views of a warehouse migrated here, independently of the dictionary, with the
  /// record tables of every built-in feed and the ward profile view created in it.
  func migratedWarehouseColumns() throws -> [String: [String]] {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("made-docs-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let warehouse = try Warehouse(path: folder.appendingPathComponent("warehouse.sqlite").path)
    let feeds = try FeedCatalog()
    for name in feeds.names { try warehouse.ensureTable(for: try feeds.feed(named: name)) }
    try warehouse.createWardProfileView(try IndicatorCatalog.builtIn())
    var columns: [String: [String]] = [:]
    for row in try warehouse.query(
      "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'"
    ) {
      let name = row[0].string ?? ""
      columns[name] = try warehouse.query(
        "SELECT name FROM pragma_table_info(?)", [.text(name)]
      ).compactMap { $0[0].string }
    }
    return columns
  }

  @Test func describesEveryTableAndViewOfAMigratedWarehouse() throws {
    let expected = try migratedWarehouseColumns()
    let dictionary = try DataDictionary.build()
    let described = Dictionary(
      uniqueKeysWithValues: dictionary.tables.map { ($0.name, $0.description) })
    let feeds = try FeedCatalog()
    for name in feeds.names {
      let table = try feeds.feed(named: name).table
      #expect(expected[table] != nil && expected["\(table)_history"] != nil)
    }
    #expect(expected["v_ward_profile"] != nil)
    #expect(expected["indicator_values"] != nil && expected["schema_migrations"] != nil)
    let missing = expected.keys.filter { (described[$0] ?? "").isEmpty }.sorted()
    #expect(missing == [], "tables or views without a description")
    #expect(dictionary.schemaVersion == Migrations.all.map(\.version).max())
  }

  @Test func describesEveryColumnOfEveryTableAndView() throws {
    let expected = try migratedWarehouseColumns()
    let dictionary = try DataDictionary.build()
    var documented: [String: String] = [:]
    for table in dictionary.tables {
      for column in table.columns {
        documented["\(table.name).\(column.name)"] = column.description
      }
    }
    let missing = expected.flatMap { table, columns in columns.map { "\(table).\($0)" } }
      .filter { (documented[$0] ?? "").isEmpty }.sorted()
    #expect(missing == [], "columns without a description")
    #expect(dictionary.undocumented == [])
  }

  @Test func describesOnlyColumnsThatExist() throws {
    let expected = try migratedWarehouseColumns()
    let stale = try DataDictionary.fixedColumnDescriptions().flatMap { table, columns in
      columns.keys.filter { !(expected[table] ?? []).contains($0) }.map { "\(table).\($0)" }
    }.sorted()
    #expect(stale == [], "Schemas/warehouse-columns.json describes columns that do not exist")
  }

  @Test func takesEachGrainFromTheCommentBeforeItsCreate() {
    let grains = Migrations.grains(in: [
      (
        1, "test",
        """
        -- One row per thing,
        -- said over two lines.
        CREATE TABLE things (id INTEGER PRIMARY KEY);

        -- A comment about an ALTER, not a table.
        ALTER TABLE things ADD COLUMN name TEXT;
        CREATE TABLE IF NOT EXISTS bare (id INTEGER);
        -- One row per thing with a name.
        CREATE VIEW v_named AS SELECT * FROM things WHERE name IS NOT NULL;
        """
      )
    ])
    #expect(
      grains == [
        "things": "One row per thing, said over two lines.",
        "v_named": "One row per thing with a name.",
      ])
  }

  @Test func listsEveryIndicatorOfTheCatalogueWithItsTitle() throws {
    let dictionary = try DataDictionary.build()
    let markdown = dictionary.markdown
    let html = dictionary.html
    for indicator in try IndicatorCatalog.builtIn().indicators {
      #expect(markdown.contains("### `\(indicator.id)`: \(indicator.title)"), "\(indicator.id)")
      #expect(html.contains("id=\"indicator-\(indicator.id)\""), "\(indicator.id)")
      #expect(!indicator.definition.isEmpty)
    }
  }

  @Test func listsTheCodedValuesOfIndicatorValues() throws {
    let vocabularies = Dictionary(
      uniqueKeysWithValues: try DataDictionary.build().vocabularies.map {
        ($0.column, Dictionary(uniqueKeysWithValues: $0.terms.map { ($0.value, $0.meaning) }))
      })
    #expect(
      vocabularies["comparison"]?.keys.sorted()
        == ["better", "higher", "lower", "not_compared", "similar", "worse"])
    #expect(
      vocabularies["comparison_two_level"]?.keys.sorted() == [
        "better_95", "better_998", "higher_95", "higher_998", "lower_95", "lower_998",
        "not_compared", "similar", "worse_95", "worse_998",
      ])
    #expect(
      vocabularies["trend"]?.keys.sorted()
        == ["decreasing", "increasing", "no_significant_change", "not_calculated"])
    #expect(vocabularies["geo_type"]?.keys.sorted() == ["county", "csp", "lad", "ward"])
    let periods = vocabularies["period_type"] ?? [:]
    #expect(periods["month"]?.contains("For example `2024-03`.") == true)
    #expect(periods["quarter"]?.contains("`2024-Q1` is 2024-01 to 2024-03.") == true)
    #expect(periods["financial_year"]?.contains("`2023/24` is 2023-04 to 2024-03.") == true)
    #expect(periods["rolling_12m"]?.contains("`2024-03` is 2023-04 to 2024-03.") == true)
    let meanings = vocabularies.values.flatMap(\.values)
    #expect(!meanings.isEmpty && meanings.allSatisfy { !$0.isEmpty })
  }

  /// A hand-made dictionary whose text needs escaping.
  func awkwardDictionary() -> DataDictionary {
    DataDictionary(
      schemaVersion: 1,
      tables: [
        DataDictionary.Table(
          name: "things", kind: .table, section: .operations,
          description: "One row per thing where a < b & c > d.",
          columns: [
            DataDictionary.Column(
              name: "id", type: "INTEGER", isNotNull: true, primaryKeyPosition: 1,
              description: "Pipes | and <script>alert(\"x\")</script> & `code < 1`.")
          ])
      ],
      indicators: [],
      vocabularies: [
        DataDictionary.Vocabulary(
          column: "flag", description: "Either 'a' or \"b\".",
          terms: [DataDictionary.Vocabulary.Term(value: "a&b", meaning: "x < y")])
      ])
  }

  @Test func escapesMarkupInTheHTML() {
    let html = awkwardDictionary().html
    #expect(html.contains("One row per thing where a &lt; b &amp; c &gt; d."))
    #expect(
      html.contains(
        "Pipes | and &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
          + "<code>code &lt; 1</code>."))
    #expect(html.contains("<code>a&amp;b</code>"))
    #expect(html.contains("Either &#39;a&#39; or &quot;b&quot;."))
    #expect(!html.contains("<script"))
    #expect(!html.contains("a < b"))
  }

  @Test func escapesMarkupInTheMarkdown() {
    let markdown = awkwardDictionary().markdown
    #expect(markdown.contains("One row per thing where a \\< b & c \\> d."))
    #expect(
      markdown.contains(
        "| `id` | INTEGER | yes | PK | Pipes \\| and \\<script\\>alert(\"x\")\\</script\\> & "
          + "`code < 1`. |"))
  }

  @Test func writesOneSelfContainedHTMLPageWithHeadingsInOrder() throws {
    let html = try DataDictionary.build().html
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    for forbidden in ["<script", "<link", "src=", "http://", "https://", "@import"] {
      #expect(!html.contains(forbidden), "\(forbidden)")
    }
    let levels = html.split(separator: "<h").dropFirst().compactMap { $0.first?.wholeNumberValue }
    #expect(levels.first == 1)
    #expect(levels.filter { $0 == 1 }.count == 1)
    #expect(zip(levels, levels.dropFirst()).allSatisfy { $1 <= $0 + 1 })
    let tables = html.components(separatedBy: "<table>").count - 1
    #expect(tables > 0)
    #expect(html.components(separatedBy: "<thead><tr><th scope=\"col\">").count - 1 == tables)
    #expect(html.components(separatedBy: "</table>").count - 1 == tables)
    let targets = html.components(separatedBy: "href=\"#").dropFirst().map {
      String($0.prefix { $0 != "\"" })
    }
    #expect(!targets.isEmpty)
    #expect(targets.filter { !html.contains("id=\"\($0)\"") } == [], "links to nowhere")
  }

  @Test func buildsTheSameTextTwice() throws {
    let first = try DataDictionary.build()
    let second = try DataDictionary.build()
    #expect(first.markdown == second.markdown)
    #expect(first.html == second.html)
  }

  @Test func writesMarkdownHTMLAndDatasetteMetadataIntoTheFolder() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("made-docs-test-\(UUID().uuidString)/docs")
    defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
    let dictionary = try DataDictionary.build()
    let written = try dictionary.write(to: folder)
    #expect(
      written.map(\.lastPathComponent)
        == ["data-dictionary.md", "data-dictionary.html", "metadata.json"])
    #expect(try String(contentsOf: written[0], encoding: .utf8) == dictionary.markdown)
    #expect(try String(contentsOf: written[1], encoding: .utf8) == dictionary.html)
    #expect(
      try Data(contentsOf: written[2])
        == dictionary.datasetteMetadata(title: "MADE warehouse", licence: nil))
  }
}
