import Foundation

/// The checks of a row beyond each field's own cast, and every reject message a row can get:
/// a record that could not be read as one row, a value that does not cast, a blank required
/// value, an unknown code, an implausible date, a sum over its limit, an impossible age, a
/// blank natural key, an academic year or term that cannot be. `RecordNormaliser` calls it
/// while it builds the row; a reject stops the row (its first problem is recorded).
///
/// Messages never quote a delivered value (see `ValueShape`): they are stored and sent back.
struct RowValidator {
  let feed: FeedSpec
  /// Each row check with its summed fields' and its limit's indexes.
  private let rowChecks: [(FeedSpec.RowCheck, [Int], Int)]
  /// The fields row checks use, by field index: their numbers are noted as they are cast.
  let checkedFields: Set<Int>
  /// Per derived age column: the date-of-birth field and the field it is counted at.
  private let dateOfBirthNames: [String]
  private let ageAtNames: [String]
  /// For termly feeds: the dates believed, which a term's first month must fall between.
  private let termWindow: (earliest: [UInt8], latest: [UInt8])

  init(feed: FeedSpec, deliveredAt: Date) {
    self.feed = feed
    let fieldIndex = { (name: String) in feed.fields.firstIndex { $0.name == name } }
    rowChecks = feed.rowChecks.compactMap { check in
      fieldIndex(check.atMost).map { (check, check.sum.compactMap(fieldIndex), $0) }
    }
    let checkedNames = Set(feed.rowChecks.flatMap { $0.sum + [$0.atMost] })
    checkedFields = Set(feed.fields.indices.filter { checkedNames.contains(feed.fields[$0].name) })
    let births = feed.fields.filter { $0.role == .dateOfBirth }
    dateOfBirthNames = births.map(\.name)
    ageAtNames = births.map { $0.ageAt ?? "" }
    termWindow = (feed.plausibleDates ?? .standard).bounds(deliveredAt: deliveredAt)
  }

  // MARK: A record that is not one row

  /// The reject for a record the reader could not read whole; `columnName` names a column.
  func unreadable(
    _ problem: RecordProblem, line: Int, endLine: Int, columnName: (Int) -> String?
  ) -> Reject {
    switch problem {
    case .fieldTooLarge(let field):
      return Reject(
        line: line, field: columnName(field), reason: .fieldTooLarge,
        message: "a field is longer than the limit; the row was not read")
    case .nulByte(let field):
      return Reject(
        line: line, field: columnName(field), reason: .nulByte,
        message: "the field holds a NUL byte (binary data in a text file?)")
    case .recordTooLarge:
      return Reject(
        line: line, field: nil, reason: .fieldTooLarge,
        message: "the row is larger than the limit (four fields of max_field_bytes, or "
          + "\(CSVReader.maxFields) fields); the row was not read")
    case .unterminatedQuote:
      return Reject(
        line: line, field: nil, reason: .unterminatedQuote,
        message:
          "a quoted field opened on this line is never closed, so lines \(line)–\(endLine) "
          + "(\(endLine - line + 1) lines, to the end of the file) were read as one row and not "
          + "loaded; fix the quote and send the file again")
    }
  }

  func wrongFieldCount(expected: Int, found: Int, line: Int) -> Reject {
    Reject(
      line: line, field: nil, reason: .wrongFieldCount,
      message: "expected \(expected) fields as in the header, found \(found)")
  }

  // MARK: One field

  /// The reject for a value that does not cast: the column, the value's shape and what was
  /// expected. The value itself is never quoted, whatever the field or feed: STYLE.md's
  /// example quotes it, but a partner can put anything in any column (an NHS number in an
  /// age), and the message is stored and sent back. See `ValueShape`.
  func typeReject(
    _ value: UnsafeBufferPointer<UInt8>, field: FieldSpec, failure: FieldCaster.Failure, line: Int
  ) -> Reject {
    let what: String
    switch failure.reason == .constraintError ? .string : field.type {
    case .date: what = "is not a date"
    case .time: what = "is not a time"
    case .yearmonth: what = "is not a year and month"
    case .integer: what = "is not a whole number"
    case .number: what = "is not a number"
    case .boolean: what = "is not a yes/no value"
    case .string: what = "is not allowed"
    }
    let expected =
      failure.reason == .typeError
      ? "(expected \(failure.expectation))" : "(\(failure.expectation))"
    return Reject(
      line: line, field: field.name, reason: failure.reason,
      message:
        "column '\(field.name)': the value (\(ValueShape.describe(value))) \(what) \(expected)")
  }

  func requiredButBlank(_ field: String, line: Int) -> Reject {
    Reject(
      line: line, field: field, reason: .missingValue,
      message: "column '\(field)' is required but blank")
  }

  func unknownCode(_ value: UnsafeBufferPointer<UInt8>, field: FieldSpec, line: Int) -> Reject {
    Reject(
      line: line, field: field.name, reason: .unknownCode,
      message:
        "column '\(field.name)': the value (\(ValueShape.describe(value))) "
        + "is not in the \(field.reference ?? "") reference table (load it with "
        + "`made reference load \(field.reference ?? "")`)")
  }

  /// The ingestor refuses a feed with identifiers before reading when there is no key; this
  /// is a guard, not a path.
  func noPseudonymisationKey(_ field: String, line: Int) -> Reject {
    Reject(line: line, field: field, reason: .missingValue, message: "no pseudonymisation key")
  }

  /// A reject when the ISO date (or year-month) `iso` lies outside `window`; compared as text,
  /// which orders ISO dates. A year-month is compared with the window's months.
  static func implausibleDate(
    _ iso: [UInt8], window: (earliest: [UInt8], latest: [UInt8]), field: String, line: Int
  ) -> Reject? {
    let length = min(iso.count, 10)
    let value = iso.prefix(length)
    if value.lexicographicallyPrecedes(window.earliest.prefix(length)) {
      return Reject(
        line: line, field: field, reason: .implausibleDate,
        message:
          "column '\(field)': the date is before \(String(decoding: window.earliest, as: UTF8.self)),"
          + " the earliest this feed accepts (a mistyped year?)")
    }
    if window.latest.prefix(length).lexicographicallyPrecedes(value) {
      return Reject(
        line: line, field: field, reason: .implausibleDate,
        message:
          "column '\(field)': the date is after \(String(decoding: window.latest, as: UTF8.self)),"
          + " the day of delivery plus the days this feed allows (a mistyped year?)")
    }
    return nil
  }

  // MARK: The whole row

  /// The schema's `rowChecks`: each sum of fields at most its limit, from the numbers noted
  /// for `checkedFields` as the row was cast.
  func checkSums(_ numbers: [Int: Double], line: Int) -> Reject? {
    for (check, indexes, limitIndex) in rowChecks {
      guard let limit = numbers[limitIndex] else { continue }
      let total = indexes.compactMap { numbers[$0] }.reduce(0, +)
      if total > limit {
        let names = check.sum.map { "'\($0)'" }.joined(separator: " + ")
        // The numbers are delivered values: not quoted (see `ValueShape`).
        return Reject(
          line: line, field: check.atMost, reason: .constraintError,
          message: "\(names) is more than '\(check.atMost)' on this row")
      }
    }
    return nil
  }

  /// A reject when the age of date-of-birth `slot` is not 0 to 130 years.
  func checkAge(_ age: Int, slot: Int, line: Int) -> Reject? {
    guard !(0...130).contains(age) else { return nil }
    return Reject(
      line: line, field: dateOfBirthNames[slot], reason: .constraintError,
      message:
        "column '\(dateOfBirthNames[slot])': the date of birth is after '\(ageAtNames[slot])' "
        + "or more than 130 years before it (the value is not shown: it is personal data)")
  }

  /// A reject when every natural-key field is blank (unless the feed keys such rows by
  /// content).
  func checkKey(allBlank: Bool, line: Int) -> Reject? {
    guard feed.blankKey != "content", allBlank, let first = feed.primaryKey.first else {
      return nil
    }
    return Reject(
      line: line, field: first, reason: .missingValue,
      message: "the natural key (\(feed.primaryKey.joined(separator: ", "))) is blank")
  }

  /// For a termly feed, the term's first month (`YYYY-MM`) from the academic year
  /// (`yearStart`, and `yearEnd` its two-digit end or -1) and the term name (lower case), or
  /// the reject when they cannot be, or the month lies outside the feed's plausible dates.
  func termMonth(yearStart: Int, yearEnd: Int, term: [UInt8], line: Int, into month: inout [UInt8])
    -> Reject?
  {
    // Autumn term starts in September, spring in January, summer in April.
    guard yearEnd == (yearStart + 1) % 100 else {
      return Reject(
        line: line, field: feed.academicTerm?.year, reason: .constraintError,
        message: "the academic year must name two consecutive years, like 2024/25")
    }
    let (year, first): (Int, Int)
    switch String(decoding: term, as: UTF8.self) {
    case "autumn": (year, first) = (yearStart, 9)
    case "spring": (year, first) = (yearStart + 1, 1)
    case "summer": (year, first) = (yearStart + 1, 4)
    default:
      return Reject(
        line: line, field: feed.academicTerm?.term, reason: .constraintError,
        message: "the term must be Autumn, Spring or Summer")
    }
    month.removeAll(keepingCapacity: true)
    FieldCaster.appendDigits(year, 4, to: &month)
    month.append(UInt8(ascii: "-"))
    FieldCaster.appendDigits(first, 2, to: &month)
    return Self.implausibleDate(
      month, window: termWindow, field: feed.academicTerm?.year ?? "", line: line)
  }
}
