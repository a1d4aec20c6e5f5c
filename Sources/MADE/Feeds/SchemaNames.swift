/// What a feed schema may call the things that reach SQL or a path: feed names (folders under
/// `inbox/` and `archive/`), table and column names (written into DDL and queries).
///
/// Schemas are data, never SQL: a name that is not a plain identifier is refused when the
/// schema loads, before anything is written, so no schema text is ever run as SQL or walks
/// out of the workspace.
enum SchemaNames {
  /// A feed name: a folder name under `inbox/`, `archive/` and a key of `[feeds.<name>]`.
  static let feedNameRule =
    "lower-case ASCII letters, digits and '-', starting with a letter, at most 40 characters"

  /// A table or column name.
  static let identifierRule =
    "lower-case ASCII letters, digits and '_', starting with a letter, at most 63 characters, "
    + "and not an SQL keyword"

  /// `^[a-z][a-z0-9-]{0,39}$`: no dot, slash or space can reach a path.
  static func isFeedName(_ name: String) -> Bool {
    matches(name, maxLength: 40, other: UInt8(ascii: "-"))
  }

  /// `^[a-z][a-z0-9_]{0,62}$` and not an SQL keyword (`order`, `select`): safe to write into
  /// SQL unquoted. ASCII only: `isLetter` would admit look-alike letters from other scripts.
  static func isIdentifier(_ name: String) -> Bool {
    matches(name, maxLength: 63, other: UInt8(ascii: "_")) && !SQLiteConnection.isKeyword(name)
  }

  private static func matches(_ name: String, maxLength: Int, other: UInt8) -> Bool {
    let bytes = Array(name.utf8)
    guard let first = bytes.first, bytes.count <= maxLength, (0x61...0x7A).contains(first)
    else { return false }
    return bytes.allSatisfy {
      (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == other
    }
  }

  /// Endings of the objects MADE derives from a record table's name (`<table>_history`, its
  /// indexes and trigger): a table may not end so, or it could collide with another's.
  static let derivedSuffixes = [
    "_history", "_by_file", "_by_file_month", "_by_month", "_by_record",
    "_by_superseding_file", "_keeps_history", "_repeats",
  ]

  /// Why `table` may not be a feed's record table, or nil when it may.
  ///
  /// Refused: every table, view, index and trigger MADE's migrations create (read from the
  /// migrations, so a later migration is covered), the ones it creates outside them, and the
  /// prefixes and endings it keeps for itself.
  static func reservation(ofTable table: String) -> String? {
    if madeObjects.contains(table) {
      return "'\(table)' is a table MADE itself keeps"
    }
    for prefix in ["sqlite_", "ref_", "v_", "indicator"] where table.hasPrefix(prefix) {
      return "names starting '\(prefix)' are kept for SQLite and MADE's own tables"
    }
    for suffix in derivedSuffixes where table.hasSuffix(suffix) {
      return "names ending '\(suffix)' are kept for the objects MADE derives from a record table"
    }
    return nil
  }

  /// The names of everything the warehouse's migrations create, plus the few objects MADE
  /// creates outside them.
  static let madeObjects: Set<String> = {
    var names: Set<String> = ["schema_migrations", "v_ward_profile", "replaced_partitions"]
    for migration in Migrations.all { names.formUnion(createdObjects(in: migration.sql)) }
    return names
  }()

  /// The names after `CREATE [UNIQUE|TEMP] TABLE|VIEW|INDEX|TRIGGER [IF NOT EXISTS]` in SQL.
  static func createdObjects(in sql: String) -> Set<String> {
    let words = sql.lowercased().split { $0.isWhitespace || $0 == "(" || $0 == ";" }
      .map(String.init)
    var names: Set<String> = []
    var index = 0
    while index < words.count {
      defer { index += 1 }
      guard words[index] == "create" else { continue }
      var next = index + 1
      while next < words.count, ["unique", "temp", "temporary"].contains(words[next]) {
        next += 1
      }
      guard next < words.count, ["table", "view", "index", "trigger"].contains(words[next])
      else { continue }
      next += 1
      if next + 2 < words.count, words[next] == "if", words[next + 1] == "not",
        words[next + 2] == "exists"
      {
        next += 3
      }
      if next < words.count { names.insert(words[next]) }
    }
    return names
  }

  /// A value from a schema as a message quotes it: escaped, and cut short, so that hostile
  /// text cannot fill or forge the message.
  static func quoted(_ value: String) -> String {
    let shown = value.count > 60 ? String(value.prefix(60)) + "…" : value
    return String(reflecting: shown)
  }
}
