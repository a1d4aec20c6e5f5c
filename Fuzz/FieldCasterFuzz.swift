// libFuzzer entry point for `FieldCaster` and `SimplePattern`. Built by `scripts/fuzz`, which
// compiles this file together with the Sources files it needs; not part of the package.
//
// Input: one selector byte, a setting, a NUL byte, the value. The selector's low six bits % 9
// pick the field: string, string with enum, string with pattern, integer, number, boolean,
// date, time, yearmonth. Its top bit asks for the type's defaults instead of the setting; bit
// 0x40 for a schema whose missingValues leave out "" (so that a blank value is cast). The
// setting is the date format, the pattern, the enum values ("a,b,c"), the minimum and maximum
// ("1,10"; either may be empty) or the true and false values ("yes,y|no,n"). A NUL never
// reaches the caster (the CSV reader rejects such rows), so it is free to mark the split.

import Foundation

/// Stops the run with a message libFuzzer shows next to the stack (`precondition` drops its
/// message in optimised builds).
func check(_ condition: Bool, _ message: @autoclosure () -> String) {
  if !condition { fatalError("FieldCaster fuzz invariant broken: " + message()) }
}

let kinds = [
  "string", "string-enum", "string-pattern", "integer", "number", "boolean", "date", "time",
  "yearmonth",
]

/// Builds the field through the same JSON decoding a feed schema goes through; nil when the
/// setting cannot be written as JSON (a schema could not hold it either).
func fieldSpec(kind: String, setting: String?) -> FieldSpec? {
  var field: [String: Any] = ["name": "Fuzzed Field", "column": "fuzzed_field"]
  var constraints: [String: Any] = [:]
  let parts = setting.map { $0.split(separator: ",", omittingEmptySubsequences: false) } ?? []
  switch kind {
  case "string":
    field["type"] = "string"
  case "string-enum":
    field["type"] = "string"
    constraints["enum"] = parts.map(String.init)
  case "string-pattern":
    field["type"] = "string"
    if let setting { constraints["pattern"] = setting }
  case "integer", "number":
    field["type"] = kind
    if parts.count > 0, let minimum = Double(parts[0]) { constraints["minimum"] = minimum }
    if parts.count > 1, let maximum = Double(parts[1]) { constraints["maximum"] = maximum }
  case "boolean":
    field["type"] = "boolean"
    if let setting {
      let sides = setting.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
      field["trueValues"] = sides[0].split(separator: ",").map(String.init)
      if sides.count > 1 { field["falseValues"] = sides[1].split(separator: ",").map(String.init) }
    }
  default:
    field["type"] = kind
    if let setting { field["format"] = setting }
  }
  if !constraints.isEmpty { field["constraints"] = constraints }
  guard JSONSerialization.isValidJSONObject(field),
    let json = try? JSONSerialization.data(withJSONObject: field)
  else { return nil }
  do {
    return try JSONDecoder().decode(FieldSpec.self, from: json)
  } catch {
    check(false, "a field schema built here did not decode: \(error)")
    return nil
  }
}

func isDigits(_ bytes: ArraySlice<UInt8>) -> Bool {
  bytes.allSatisfy { (0x30...0x39).contains($0) }
}

func number(_ bytes: ArraySlice<UInt8>) -> Int {
  bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
}

/// Checks a rewritten date, time or yearmonth, and that casting it again with the ISO format
/// gives it back unchanged.
func checkISO(_ text: [UInt8], type: FieldSpec.FieldType, formatHasYear: Bool) {
  let shown = String(decoding: text, as: UTF8.self)
  switch type {
  case .date:
    check(
      text.count == 10 && text[4] == 0x2D && text[7] == 0x2D && isDigits(text[0..<4])
        && isDigits(text[5..<7]) && isDigits(text[8..<10]),
      "date rewritten as '\(shown)', not YYYY-MM-DD")
    let year = number(text[0..<4])
    let month = number(text[5..<7])
    let day = number(text[8..<10])
    check((1...12).contains(month), "date '\(shown)' has month \(month)")
    check(
      day >= 1 && day <= FieldCaster.daysInMonth(month, year: year),
      "date '\(shown)' does not exist")
    if formatHasYear {
      check((1800...2999).contains(year), "date '\(shown)' has year \(year)")
      recast(text, type: .date, format: "%Y-%m-%d")
    }
  case .time:
    check(
      (text.count == 5 || text.count == 8) && text[2] == 0x3A && isDigits(text[0..<2])
        && isDigits(text[3..<5]),
      "time rewritten as '\(shown)', not HH:MM[:SS]")
    check(number(text[0..<2]) < 24 && number(text[3..<5]) < 60, "time '\(shown)' does not exist")
    if text.count == 8 {
      check(text[5] == 0x3A && isDigits(text[6..<8]), "time '\(shown)' has bad seconds")
      check(number(text[6..<8]) < 60, "time '\(shown)' does not exist")
    }
    recast(text, type: .time, format: text.count == 8 ? "%H:%M:%S" : "%H:%M")
  default:
    check(
      text.count == 7 && text[4] == 0x2D && isDigits(text[0..<4]) && isDigits(text[5..<7]),
      "yearmonth rewritten as '\(shown)', not YYYY-MM")
    check((1...12).contains(number(text[5..<7])), "yearmonth '\(shown)' has a bad month")
    if formatHasYear { recast(text, type: .yearmonth, format: "%Y-%m") }
  }
}

func recast(_ text: [UInt8], type: FieldSpec.FieldType, format: String) {
  let json =
    "{\"name\":\"f\",\"column\":\"f\",\"type\":\"\(type.rawValue)\",\"format\":\"\(format)\"}"
  let spec = try! JSONDecoder().decode(FieldSpec.self, from: Data(json.utf8))
  let caster = try! FieldCaster(spec: spec)
  var scratch: [UInt8] = []
  let again = try? text.withUnsafeBufferPointer { try caster.cast($0, scratch: &scratch) }
  guard case .rewritten? = again else {
    check(false, "'\(String(decoding: text, as: UTF8.self))' does not cast again with \(format)")
    return
  }
  check(scratch == text, "'\(String(decoding: text, as: UTF8.self))' cast again is \(scratch)")
}

/// A pattern that matches exactly `value`: every byte escaped (`\d` is a class, so `d` is
/// written as itself).
func literalPattern(_ value: String) -> String {
  var pattern = ""
  for scalar in value.unicodeScalars {
    if scalar != "d" { pattern.unicodeScalars.append("\\") }
    pattern.unicodeScalars.append(scalar)
  }
  return pattern
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size >= 1 else { return 0 }
  let input = Array(UnsafeBufferPointer(start: data, count: size))
  let selector = input[0]
  let rest = input[1...]
  let split = rest.firstIndex(of: 0) ?? rest.endIndex
  let useDefaults = selector & 0x80 != 0
  let blankIsMissing = selector & 0x40 == 0
  let setting = useDefaults ? nil : String(decoding: rest[..<split], as: UTF8.self)
  let value = Array(rest[split...].dropFirst())
  let kind = kinds[Int(selector & 0x3F) % kinds.count]

  guard let spec = fieldSpec(kind: kind, setting: setting) else { return 0 }
  let caster: FieldCaster
  do {
    caster = try FieldCaster(spec: spec)
  } catch is ConfigurationError {
    return 0  // Refused when the schema loads, with a message: fine.
  } catch {
    check(false, "FieldCaster(spec:) threw \(error), not a ConfigurationError")
    return 0
  }
  _ = caster.expectation
  // RecordNormaliser never casts a missing value; "" is one unless the schema says otherwise.
  if blankIsMissing && value.isEmpty { return 0 }

  var scratch: [UInt8] = []
  let result: FieldCaster.Value
  do {
    result = try value.withUnsafeBufferPointer { (buffer) throws(FieldCaster.Failure) in
      try caster.cast(buffer, scratch: &scratch)
    }
  } catch {
    check(
      error.reason == .typeError || error.reason == .constraintError,
      "\(kind): failure reason \(error.reason)")
    // An empty format passes the schema check and then expects "" (reported, not asserted).
    check(
      !error.expectation.isEmpty || spec.format == "", "\(kind): failure without an expectation")
    if kind == "string-enum", !(spec.constraints?.enum ?? []).isEmpty {
      let folded = FieldCaster.folded(value)
      check(
        !(spec.constraints?.enum ?? []).contains { FieldCaster.folded(Array($0.utf8)) == folded },
        "enum value '\(String(decoding: value, as: UTF8.self))' refused")
    }
    return 0
  }

  let text = String(decoding: value, as: UTF8.self)
  let minimum = spec.constraints?.minimum ?? -.infinity
  let maximum = spec.constraints?.maximum ?? .infinity
  switch (spec.type, result) {
  case (.string, .text):
    check(spec.constraints?.enum?.isEmpty ?? true, "enum value '\(text)' passed as it is")
  case (.string, .rewritten):
    let enumValues = spec.constraints?.enum ?? []
    check(
      enumValues.contains { Array($0.utf8) == scratch }
        && FieldCaster.folded(scratch) == FieldCaster.folded(value),
      "'\(text)' rewritten as '\(String(decoding: scratch, as: UTF8.self))'")
  case (.integer, .integer(let number)):
    check(Int64(text) == number, "'\(text)' cast to the integer \(number)")
    check(
      Double(number) >= minimum && Double(number) <= maximum,
      "\(number) passed outside \(minimum)...\(maximum)")
  case (.number, .real(let number)):
    check(number.isFinite && Double(text) == number, "'\(text)' cast to the number \(number)")
    check(
      number >= minimum && number <= maximum, "\(number) passed outside \(minimum)...\(maximum)")
  case (.boolean, .integer(let flag)):
    let trueValues = spec.trueValues ?? ["true", "True", "TRUE", "1"]
    let falseValues = spec.falseValues ?? ["false", "False", "FALSE", "0"]
    let accepted = flag == 1 ? trueValues : falseValues
    check(
      (flag == 0 || flag == 1)
        && accepted.contains { FieldCaster.folded(Array($0.utf8)) == FieldCaster.folded(value) },
      "'\(text)' cast to the boolean \(flag)")
  case (.date, .rewritten), (.time, .rewritten), (.yearmonth, .rewritten):
    let format = spec.format ?? (spec.type == .time ? "%H:%M" : "%Y-%m-%d")
    checkISO(scratch, type: spec.type, formatHasYear: format.utf8.contains(UInt8(ascii: "Y")))
  default:
    check(false, "\(kind): cast '\(text)' to \(result)")
  }

  // A value always matches the pattern that spells it out.
  if kind == "string-pattern", String(validating: value, as: UTF8.self) != nil {
    do {
      let pattern = try SimplePattern(literalPattern(text))
      check(pattern.matches(text), "'\(text)' does not match \(pattern.source)")
    } catch {
      check(false, "the literal pattern of '\(text)' is refused: \(error)")
    }
  }
  return 0
}
