/// Refuses a delivery that carries a column a feed must never hold (`refusedColumns`: the
/// identifiers of a health feed): by the column's name, read as `HeaderName` reads it, and,
/// when a refused column says `valuesLike`, by its values whatever its name.
///
/// A refused file is quarantined with `identifier-in-health-feed`; nothing from it is stored
/// and the delivered file is deleted (see `Pipeline.file`).
///
/// A name is refused when, after `HeaderName`'s normalisation:
/// - it is one of the refused column's names or aliases;
/// - it holds an alias of 5 letters or more anywhere ("Patient NHS Number", "Forename(s)",
///   "Date of Birth (dd/mm/yyyy)");
/// - a shorter alias is one or more whole words of it ("Patient DOB", "Pt MRN", "D.O.B."),
///   except the bare word "name" ("Site Name" is not a person's name);
/// - it holds one of the column's `contains` spellings anywhere ("nhs" in "NHSNum").
struct IdentifierGuard {
  private struct Rule {
    var column: FeedSpec.RefusedColumn
    var names: [String]
    var contains: [String]
  }

  let feed: FeedSpec
  private let rules: [Rule]
  /// True when the feed refuses columns of NHS numbers (each row's fields are scanned).
  let refusesNHSNumbers: Bool

  init(feed: FeedSpec) {
    self.feed = feed
    rules = feed.refusedColumns.map { column in
      Rule(
        column: column,
        names: ([column.name] + column.aliases).map { HeaderName($0).compact }.filter {
          !$0.isEmpty
        },
        contains: (column.contains ?? []).map { HeaderName($0).compact }.filter { !$0.isEmpty })
    }
    refusesNHSNumbers = feed.refusedColumns.contains { $0.valuesLike == .nhsNumber }
  }

  /// Throws when a header cell names a refused column or (first line of a file without a
  /// header row) holds an NHS number.
  func check(header: [String]) throws(HeaderProblem) {
    guard !rules.isEmpty else { return }
    let shown = HeaderCells.shown(header)
    for (index, cell) in header.enumerated() {
      if refusesNHSNumbers, NHSNumber.matches(cell) {
        throw HeaderProblem(
          reason: .identifierInHealthFeed,
          message: "\(HeaderCells.column(index, shown)) of the first line "
            + "\(Self.looksLikeAnNHSNumber); \(refusal)")
      }
      let name = HeaderName(cell)
      if let rule = rules.first(where: { refuses(name, by: $0) }) {
        throw HeaderProblem(
          reason: .identifierInHealthFeed,
          message:
            "\(HeaderCells.column(index, shown)) is an identifier (\(rule.column.name)); "
            + refusal)
      }
    }
  }

  private func refuses(_ header: HeaderName, by rule: Rule) -> Bool {
    let compact = header.compact
    guard !compact.isEmpty else { return false }
    return rule.contains.contains { compact.contains($0) }
      || rule.names.contains { name in
        name == compact || (name.count >= 5 && compact.contains(name))
          || (name.count < 5 && name != "name" && header.hasWords(name))
      }
  }

  /// The column of the reader's current record that holds an NHS number, if any: a byte scan
  /// of every field, those outside the schema included (they are never cast).
  static func columnHoldingNHSNumber(in reader: CSVReader) -> Int? {
    for column in 0..<reader.fieldCount where NHSNumber.matches(reader.field(column)) {
      return column
    }
    return nil
  }

  /// The message for a row whose field `column` holds an NHS number.
  func nhsNumberMessage(line: Int, column: Int, shownHeader: [String]) -> String {
    "line \(line), \(HeaderCells.column(column, shownHeader)) \(Self.looksLikeAnNHSNumber) "
      + "(a health feed refuses such a column whatever its name: if it is not an NHS number, "
      + "ask for it to be left out of the extract); \(refusal)"
  }

  private static let looksLikeAnNHSNumber =
    "holds an NHS number (10 digits that pass the NHS number's Modulus 11 check; the value is "
    + "not shown)"

  private var refusal: String {
    "\(feed.title) must arrive anonymised (the Serious Violence Duty's disclosure gateway does "
      + "not cover health personal data). Nothing from the file was stored; ask the sender to "
      + "remove the column and send the file again"
  }
}

/// A row of a health feed holds an identifier (an NHS number in any column): the file is
/// refused as a header naming one is (`identifier-in-health-feed`), and the load rolled back.
struct IdentifierInRows: Error, Sendable {
  var message: String
}
