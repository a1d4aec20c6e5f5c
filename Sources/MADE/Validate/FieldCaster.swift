import Foundation

/// Casts one field's text to its Table Schema type and checks its constraints.
///
/// Works on bytes (the ingest hot path): dates become ISO `YYYY-MM-DD`, times `HH:MM`,
/// booleans 0/1, enum values their canonical spelling (matched case-insensitively).
final class FieldCaster: Sendable {
  enum Value {
    case null
    case integer(Int64)
    case real(Double)
    /// Text to store: either the input bytes as they are, or `scratch` (rewritten).
    case text
    case rewritten
  }

  struct Failure: Error {
    var reason: ReasonCode
    var expectation: String
  }

  let spec: FieldSpec
  private let pattern: SimplePattern?
  private let enumValues: [(folded: [UInt8], canonical: [UInt8])]
  private let trueValues: [[UInt8]]
  private let falseValues: [[UInt8]]
  private let dateFormat: [UInt8]

  init(spec: FieldSpec) throws {
    self.spec = spec
    pattern = try spec.constraints?.pattern.map { try SimplePattern($0) }
    enumValues = (spec.constraints?.enum ?? []).map {
      (Self.folded(Array($0.utf8)), Array($0.utf8))
    }
    trueValues = (spec.trueValues ?? ["true", "True", "TRUE", "1"]).map {
      Self.folded(Array($0.utf8))
    }
    falseValues = (spec.falseValues ?? ["false", "False", "FALSE", "0"]).map {
      Self.folded(Array($0.utf8))
    }
    let defaultFormat: String
    switch spec.type {
    case .time: defaultFormat = "%H:%M"
    case .yearmonth: defaultFormat = "%Y-%m"
    default: defaultFormat = "%Y-%m-%d"
    }
    dateFormat = Array((spec.datePattern ?? defaultFormat).utf8)
    try spec.checkFormat()
  }

  static func folded(_ bytes: [UInt8]) -> [UInt8] {
    bytes.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }
  }

  private static func equalsFolded(_ value: UnsafeBufferPointer<UInt8>, _ folded: [UInt8]) -> Bool {
    guard value.count == folded.count else { return false }
    for index in 0..<value.count {
      let byte = value[index]
      let lower = (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
      if lower != folded[index] { return false }
    }
    return true
  }

  /// What the field expects, for messages: "a date (expected dd/mm/yyyy)".
  var expectation: String {
    switch spec.type {
    case .string:
      if !enumValues.isEmpty {
        return "one of " + (spec.constraints?.enum ?? []).joined(separator: ", ")
      }
      if let pattern { return "text matching \(pattern.source)" }
      return "text"
    case .integer: return "a whole number"
    case .number: return "a number"
    case .boolean:
      return "one of "
        + ((spec.trueValues ?? ["true"]) + (spec.falseValues ?? ["false"]))
        .joined(separator: ", ")
    case .date, .time, .yearmonth:
      let human = String(decoding: dateFormat, as: UTF8.self)
        .replacingOccurrences(of: "%d", with: "dd").replacingOccurrences(of: "%m", with: "mm")
        .replacingOccurrences(of: "%Y", with: "yyyy").replacingOccurrences(of: "%H", with: "HH")
        .replacingOccurrences(of: "%M", with: "MM").replacingOccurrences(of: "%S", with: "SS")
      return human
    }
  }

  /// Casts `value` (already trimmed, UTF-8, not a missing value). Rewritten text goes to
  /// `scratch`.
  func cast(_ value: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8]) throws(Failure) -> Value {
    switch spec.type {
    case .string:
      if !enumValues.isEmpty {
        for candidate in enumValues where Self.equalsFolded(value, candidate.folded) {
          scratch.removeAll(keepingCapacity: true)
          scratch.append(contentsOf: candidate.canonical)
          return .rewritten
        }
        throw Failure(reason: .constraintError, expectation: expectation)
      }
      if let pattern, !pattern.matches(value) {
        throw Failure(reason: .constraintError, expectation: expectation)
      }
      return .text
    case .integer:
      guard let number = Self.parseInteger(value) else {
        throw Failure(reason: .typeError, expectation: expectation)
      }
      try checkRange(Double(number))
      return .integer(number)
    case .number:
      guard let number = Self.parseNumber(value) else {
        throw Failure(reason: .typeError, expectation: expectation)
      }
      try checkRange(number)
      return .real(number)
    case .boolean:
      if trueValues.contains(where: { Self.equalsFolded(value, $0) }) { return .integer(1) }
      if falseValues.contains(where: { Self.equalsFolded(value, $0) }) { return .integer(0) }
      throw Failure(reason: .typeError, expectation: expectation)
    case .date, .time, .yearmonth:
      guard let parts = Self.parseDate(value, format: dateFormat) else {
        throw Failure(reason: .typeError, expectation: expectation)
      }
      scratch.removeAll(keepingCapacity: true)
      switch spec.type {
      case .time:
        Self.appendDigits(parts.hour, 2, to: &scratch)
        scratch.append(UInt8(ascii: ":"))
        Self.appendDigits(parts.minute, 2, to: &scratch)
        if parts.second >= 0 {
          scratch.append(UInt8(ascii: ":"))
          Self.appendDigits(parts.second, 2, to: &scratch)
        }
      case .yearmonth:
        Self.appendDigits(parts.year, 4, to: &scratch)
        scratch.append(UInt8(ascii: "-"))
        Self.appendDigits(parts.month, 2, to: &scratch)
      default:
        Self.appendDigits(parts.year, 4, to: &scratch)
        scratch.append(UInt8(ascii: "-"))
        Self.appendDigits(parts.month, 2, to: &scratch)
        scratch.append(UInt8(ascii: "-"))
        Self.appendDigits(parts.day, 2, to: &scratch)
      }
      return .rewritten
    }
  }

  private func checkRange(_ number: Double) throws(Failure) {
    if let minimum = spec.constraints?.minimum, number < minimum {
      throw Failure(reason: .constraintError, expectation: "at least \(Self.format(minimum))")
    }
    if let maximum = spec.constraints?.maximum, number > maximum {
      throw Failure(reason: .constraintError, expectation: "at most \(Self.format(maximum))")
    }
  }

  private static func format(_ number: Double) -> String {
    // Int(exactly:) is nil beyond Int's range (a bound of 9e99 trapped: scripts/fuzz).
    Int(exactly: number).map(String.init) ?? String(number)
  }

  /// Appends `value` in decimal, zero-padded to `width` digits (no allocation: hot path).
  static func appendDigits(_ value: Int, _ width: Int, to output: inout [UInt8]) {
    var digits = 1
    var scale = 1
    while value / scale >= 10 {
      scale *= 10
      digits += 1
    }
    for _ in digits..<max(width, digits) { output.append(UInt8(ascii: "0")) }
    while scale > 0 {
      output.append(UInt8(ascii: "0") + UInt8((value / scale) % 10))
      scale /= 10
    }
  }

  static func parseInteger(_ value: UnsafeBufferPointer<UInt8>) -> Int64? {
    var index = 0
    var negative = false
    if index < value.count, value[index] == UInt8(ascii: "-") || value[index] == UInt8(ascii: "+") {
      negative = value[index] == UInt8(ascii: "-")
      index += 1
    }
    guard index < value.count, value.count - index <= 18 else { return nil }
    var result: Int64 = 0
    while index < value.count {
      let digit = value[index] &- UInt8(ascii: "0")
      guard digit < 10 else { return nil }
      result = result * 10 + Int64(digit)
      index += 1
    }
    return negative ? -result : result
  }

  static func parseNumber(_ value: UnsafeBufferPointer<UInt8>) -> Double? {
    // Only the characters a plain decimal or scientific number can hold (no "nan", "inf").
    guard value.count < 64, !value.isEmpty,
      value.allSatisfy({
        (0x30...0x39).contains($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-")
          || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E")
      })
    else { return nil }
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: value.count + 1) { buffer in
      for index in 0..<value.count { buffer[index] = CChar(bitPattern: value[index]) }
      buffer[value.count] = 0
      var end: UnsafeMutablePointer<CChar>?
      let number = strtod(buffer.baseAddress!, &end)
      guard let end, end - buffer.baseAddress! == value.count, number.isFinite else { return nil }
      return number
    }
  }

  struct DateParts {
    var year = 0
    var month = 1
    var day = 1
    var hour = 0
    var minute = 0
    var second = -1
  }

  /// A tiny strptime for `%d %m %Y %H %M %S` and literal separators; days and months take one
  /// or two digits. Checks that the date exists (no 31/02).
  static func parseDate(_ value: UnsafeBufferPointer<UInt8>, format: [UInt8]) -> DateParts? {
    var parts = DateParts()
    var position = 0
    var index = 0
    func number(minDigits: Int, maxDigits: Int) -> Int? {
      var digits = 0
      var result = 0
      while digits < maxDigits, position < value.count {
        let digit = value[position] &- UInt8(ascii: "0")
        guard digit < 10 else { break }
        result = result * 10 + Int(digit)
        position += 1
        digits += 1
      }
      return digits >= minDigits ? result : nil
    }
    while index < format.count {
      let character = format[index]
      if character == UInt8(ascii: "%"), index + 1 < format.count {
        // `%Y` takes four digits, `%M` and `%S` two, the others one or two; an unknown
        // directive fails below, after its digits are read.
        let directive = format[index + 1]
        let digits =
          directive == UInt8(ascii: "Y")
          ? 4...4 : directive == UInt8(ascii: "M") || directive == UInt8(ascii: "S") ? 2...2 : 1...2
        guard let number = number(minDigits: digits.lowerBound, maxDigits: digits.upperBound)
        else { return nil }
        switch directive {
        case UInt8(ascii: "d"): parts.day = number
        case UInt8(ascii: "m"): parts.month = number
        case UInt8(ascii: "Y"): parts.year = number
        case UInt8(ascii: "H"): parts.hour = number
        case UInt8(ascii: "M"): parts.minute = number
        case UInt8(ascii: "S"): parts.second = number
        default: return nil
        }
        index += 2
      } else {
        guard position < value.count, value[position] == character else { return nil }
        position += 1
        index += 1
      }
    }
    guard position == value.count else { return nil }
    let hasYear = format.contains(UInt8(ascii: "Y"))
    guard (1...12).contains(parts.month), !hasYear || (1800...2999).contains(parts.year),
      parts.hour < 24, parts.minute < 60, parts.second < 60
    else { return nil }
    guard parts.day >= 1, parts.day <= daysInMonth(parts.month, year: parts.year) else {
      return nil
    }
    return parts
  }

  static func daysInMonth(_ month: Int, year: Int) -> Int {
    switch month {
    case 2:
      let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
      return leap ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}
