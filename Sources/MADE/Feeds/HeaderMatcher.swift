/// Matches a delivered file's header to a feed's fields: case-, space- and
/// punctuation-insensitively, through each field's aliases, in any order.
struct HeaderMapping: Sendable {
  /// For each schema field (in schema order), the column index in the file, or nil when the
  /// (optional) column is absent.
  var columnForField: [Int?]
  /// Header columns that are not in the schema: not stored (data minimisation), reported
  /// (as `HeaderCells.shown` gives them).
  var ignoredColumns: [String]
  var columnCount: Int
  /// The header cells as they may be shown in messages (`HeaderCells.shown`).
  var shownHeader: [String] = []
}

/// Why a header cannot be used; the file is quarantined.
struct HeaderProblem: Error, Sendable {
  var reason: ReasonCode
  var message: String
}

enum HeaderMatcher {
  /// "Crime Reference", " crime_reference ", "CRIME-REFERENCE" all become "crimereference".
  /// Read as a code (`TextNormalisation.code`: NFKC, every Unicode space and invisible
  /// character dropped, one case) with `_`, `-` and `.` ignored too: otherwise
  /// `Offence\u{200B}Postcode` would be an unknown column, dropped without a word, and its
  /// records left unplaced.
  static func normalised(_ name: String) -> String {
    String(
      TextNormalisation.code(name, case: .lower).unicodeScalars.filter {
        $0 != "_" && $0 != "-" && $0 != "."
      })
  }

  static func match(header: [String], feed: FeedSpec) throws(HeaderProblem) -> HeaderMapping {
    var indexByName: [String: Int] = [:]
    for (index, name) in header.enumerated() {
      indexByName[normalised(name)] = indexByName[normalised(name)] ?? index
    }
    try IdentifierGuard(feed: feed).check(header: header)
    // Header cells reach messages, `files.ignored_columns` and the terminal: as delivered, or
    // by their shape when the first line is a record (a file without a header row).
    let shown = HeaderCells.shown(header)
    var columnForField: [Int?] = []
    var used = Set<Int>()
    var missing: [FieldSpec] = []
    for field in feed.fields {
      let candidates = [field.name] + field.aliases
      let found = candidates.lazy.compactMap { indexByName[normalised($0)] }.first
      // Two different columns that both name this field (say 'Crime Reference' and its alias
      // 'Crime Number'): which one was meant cannot be known.
      let all = Set(candidates.compactMap { indexByName[normalised($0)] }).sorted()
      if all.count > 1 {
        throw HeaderProblem(
          reason: .duplicateColumn,
          message:
            "columns \(all.map { "\($0 + 1) '\(shown[$0])'" }.joined(separator: " and ")) both "
            + "give field '\(field.name)' of feed \(feed.name); send one of them")
      }
      if let found {
        if used.contains(found) {
          throw HeaderProblem(
            reason: .duplicateColumn,
            message: "column '\(shown[found])' matches two fields of feed \(feed.name)")
        }
        used.insert(found)
      } else if field.isRequired {
        missing.append(field)
      }
      columnForField.append(found)
    }
    if let first = missing.first {
      let aliases = first.aliases.isEmpty ? "none" : first.aliases.joined(separator: ", ")
      var message =
        "required column '\(first.name)' is missing (aliases tried: \(aliases))"
      if missing.count > 1 {
        message +=
          "; also missing: "
          + missing.dropFirst().map { "'\($0.name)'" }
          .joined(separator: ", ")
      }
      throw HeaderProblem(reason: .missingRequiredColumn, message: message)
    }
    // Two header columns with the same normalised name where one was used is ambiguous.
    var seen: [String: Int] = [:]
    for (index, name) in header.enumerated() {
      let key = normalised(name)
      if let earlier = seen[key], used.contains(earlier) {
        throw HeaderProblem(
          reason: .duplicateColumn,
          message: "columns \(earlier + 1) and \(index + 1) are both '\(shown[index])'")
      }
      seen[key] = index
    }
    let ignored = shown.enumerated().filter { !used.contains($0.offset) }.map(\.element)
    return HeaderMapping(
      columnForField: columnForField, ignoredColumns: ignored, columnCount: header.count,
      shownHeader: shown)
  }
}
