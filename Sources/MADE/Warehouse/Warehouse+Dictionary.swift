/// Reads of the warehouse's own schema, for the data dictionary (`made docs`): which tables and
/// views exist, their columns and their foreign keys, as SQLite reports them.
///
/// Related SQLite documentation: <https://www.sqlite.org/schematab.html>,
/// <https://www.sqlite.org/pragma.html#pragma_table_info>.
extension Warehouse {
  /// A table or view of the warehouse.
  struct SchemaObject {
    var name: String
    var isView: Bool
  }

  /// Every table and view but SQLite's own, by name.
  func schemaObjects() throws -> [SchemaObject] {
    try connection.rows(
      """
      SELECT name, type FROM sqlite_master
      WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name
      """
    ).map { row in
      SchemaObject(name: try row.text("name"), isView: try row.text("type") == "view")
    }
  }

  /// A table's or view's columns, in their order, with their foreign keys and no description
  /// yet.
  func schemaColumns(of table: String) throws -> [DataDictionary.Column] {
    let references = try schemaReferences(of: table)
    return try connection.rows(
      "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid", [.text(table)]
    ).map { row in
      let name = try row.text("name")
      let position = try row.int("pk")
      return DataDictionary.Column(
        name: name, type: try row.text("type"), isNotNull: try row.bool("notnull"),
        primaryKeyPosition: position > 0 ? position : nil, references: references[name])
    }
  }

  /// What each column with a foreign key references: `table.column`, or `table` when the key
  /// names no column (its primary key).
  private func schemaReferences(of table: String) throws -> [String: String] {
    var references: [String: String] = [:]
    for key in try connection.rows(
      "SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?)", [.text(table)])
    {
      let target = try key.text("table")
      references[try key.text("from")] =
        try key.optionalText("to").map { "\(target).\($0)" } ?? target
    }
    return references
  }
}

extension Migrations {
  /// Each table's and view's grain, for the data dictionary: the `--` comment block just
  /// before its CREATE, the latest migration's winning. Tables created in code are not here
  /// (`DataDictionary.codeCreatedTables`).
  static func grains(
    in migrations: [(version: Int, name: String, sql: String)]
  ) -> [String: String] {
    var grains: [String: String] = [:]
    for migration in migrations {
      var comment: [String] = []
      for line in migration.sql.split(separator: "\n", omittingEmptySubsequences: false) {
        let text = line.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("--") {
          comment.append(text.dropFirst(2).trimmingCharacters(in: .whitespaces))
          continue
        }
        if let name = createdObject(in: text), !comment.isEmpty {
          grains[name] = comment.joined(separator: " ")
        }
        comment = []
      }
    }
    return grains
  }

  /// The table or view a `CREATE [TEMP] TABLE|VIEW [IF NOT EXISTS] name` line creates.
  private static func createdObject(in line: String) -> String? {
    var words = line.split(whereSeparator: \.isWhitespace).map { $0.uppercased() }[...]
    let original = line.split(whereSeparator: \.isWhitespace)
    guard words.first == "CREATE" else { return nil }
    words = words.dropFirst()
    if words.first == "TEMP" || words.first == "TEMPORARY" { words = words.dropFirst() }
    guard words.first == "TABLE" || words.first == "VIEW" else { return nil }
    words = words.dropFirst()
    if Array(words.prefix(3)) == ["IF", "NOT", "EXISTS"] { words = words.dropFirst(3) }
    guard words.startIndex < original.count else { return nil }
    let name = original[words.startIndex].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
    return name.isEmpty ? nil : String(name)
  }
}
