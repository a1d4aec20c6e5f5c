/// Why a row that gave a location (a postcode, LSOA or school) was still left unplaced.
///
/// Such rows are loaded (counted at county level, `geo_status = 'unplaced'`), and each file's
/// counts are reported by `made ingest` and kept in `files.message`, so that a location that
/// cannot be used is never silent.
public enum UnplacedReason: String, CaseIterable, Comparable, Sendable {
  /// After normalisation the text is not shaped like a postcode (`PR1 8X`, `NFA`).
  case postcodeMalformed = "postcode-not-a-postcode"
  /// A postcode shape that the loaded postcode directory does not hold.
  case postcodeNotInDirectory = "postcode-not-in-directory"
  /// An LSOA code the loaded LSOA lookups do not hold (or not shaped like one).
  case lsoaUnknown = "lsoa-not-known"
  /// A school URN the loaded schools list does not hold.
  case schoolUnknown = "school-not-known"

  /// What it means, for the ingest report.
  public var explanation: String {
    switch self {
    case .postcodeMalformed: return "postcode present but not a postcode"
    case .postcodeNotInDirectory: return "postcode not in the postcode directory"
    case .lsoaUnknown: return "LSOA code not in the LSOA lookups"
    case .schoolUnknown: return "school URN not in the schools list"
    }
  }

  public static func < (lhs: Self, rhs: Self) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }

  /// "3 rows unplaced although they gave a location: postcode present but not a postcode
  /// (2), LSOA code not in the LSOA lookups (1)", or nil when there are none.
  public static func summary(_ counts: [UnplacedReason: Int]) -> String? {
    let total = counts.values.reduce(0, +)
    guard total > 0 else { return nil }
    let parts = counts.keys.sorted().map { "\($0.explanation) (\(counts[$0]!))" }
    return "\(total) row\(total == 1 ? "" : "s") unplaced although \(total == 1 ? "it" : "they") "
      + "gave a location: " + parts.joined(separator: ", ")
  }
}
