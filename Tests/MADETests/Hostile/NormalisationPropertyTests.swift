import Foundation
import PropertyBased
import Testing

@testable import MADE

/// Issue 12's property: deliveries of the same records with random spellings — case, Unicode
/// spaces, zero-width characters, full-width letters and digits, a BOM, CRLF or LF, UTF-8 or
/// Windows-1252 — leave the warehouse holding each record once, placed in the same ward.
@Suite struct NormalisationPropertyTests {
  /// Random choices drawn from a list of numbers, so that the generator (and its shrinking)
  /// stays PropertyBased's and the spellings are worked out here.
  struct Choices {
    var numbers: [Int]
    var next = 0

    mutating func pick(_ count: Int) -> Int {
      defer { next += 1 }
      return numbers.isEmpty ? 0 : numbers[next % numbers.count] % count
    }

    /// Never, when there are no numbers: the canonical spelling.
    mutating func chance(_ percent: Int) -> Bool { !numbers.isEmpty && pick(100) < percent }
  }

  /// Spaces a partner's export may carry, and characters that show nothing.
  static let spaces: [String] = [
    " ", "\t", "\u{00A0}", "\u{2002}", "\u{2007}", "\u{2009}", "\u{202F}", "\u{205F}",
    "\u{3000}",
  ]
  static let invisible: [String] = [
    "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{00AD}",
  ]

  /// A random spelling of a code: any letter's case, full-width forms, spaces at either end
  /// (and inside, when `spacesInside`), invisible characters anywhere.
  static func respell(_ code: String, _ choices: inout Choices, spacesInside: Bool = true)
    -> String
  {
    var result = choices.chance(30) ? spaces[choices.pick(spaces.count)] : ""
    for (index, character) in code.enumerated() {
      if index > 0, choices.chance(15) { result += invisible[choices.pick(invisible.count)] }
      if index > 0, spacesInside, choices.chance(10) {
        result += spaces[choices.pick(spaces.count)]
      }
      var text = String(character)
      if character.isLetter, choices.chance(50) { text = text.lowercased() }
      if let ascii = character.asciiValue, (0x21...0x7E).contains(ascii), choices.chance(15),
        let wide = Unicode.Scalar(UInt32(ascii) + 0xFEE0)
      {
        text = String(Character(wide))  // full-width form (U+FF01…U+FF5E)
      }
      result += text
    }
    if choices.chance(30) { result += spaces[choices.pick(spaces.count)] }
    return result
  }

  /// Free text respelled: case, and each space one or more Unicode spaces.
  static func respellText(_ text: String, _ choices: inout Choices) -> String {
    var result = ""
    for character in text {
      if character == " " {
        result += spaces[choices.pick(spaces.count)]
        if choices.chance(20) { result += spaces[choices.pick(spaces.count)] }
      } else {
        result += choices.chance(30) ? String(character).uppercased() : String(character)
      }
    }
    return result
  }

  /// The delivered bytes: Windows-1252 when asked and every character fits it, else UTF-8
  /// (with a BOM when asked); CRLF or LF line ends.
  static func encode(_ lines: [String], _ choices: inout Choices) -> Data {
    let text = lines.joined(separator: choices.chance(50) ? "\r\n" : "\n") + "\n"
    let fitsWindows1252 = text.unicodeScalars.allSatisfy {
      $0.value < 0x80 || (0xA0...0xFF).contains($0.value)
    }
    if fitsWindows1252, choices.chance(50) {
      return Data(text.unicodeScalars.map { UInt8($0.value) })
    }
    return (choices.chance(30) ? Data([0xEF, 0xBB, 0xBF]) : Data()) + Data(text.utf8)
  }

  struct Delivery: Sendable {
    var feed: String
    var table: String
    /// The columns that show a record is the same one, and where it was placed.
    var identity: String
    var lines: @Sendable (inout Choices) -> [String]
  }

  static let deliveries: [Delivery] = [
    Delivery(
      feed: "ae-attendances", table: "ae_attendances",
      identity: "ed_site_code, arrival_date, patient_age, residence_lsoa, ward_code",
      lines: { choices in
        [NormalisationHostileTests.aeHeader]
          + (0..<6).map { index in
            let site = ["RXR01", "RXN01", "RXN02"][index % 3]
            let postcode = ["PR1 8XB", "PR7 1AA", "WN1 1AA", ""][index % 4]
            let lsoa = index % 4 == 3 ? "E01900002" : ""
            return NormalisationHostileTests.aeRow(
              site: respell(site, &choices), age: 20 + index,
              postcode: respell(postcode, &choices),
              lsoa: lsoa.isEmpty ? "" : respell(lsoa, &choices, spacesInside: false))
          }
      }),
    Delivery(
      feed: "police-crimes", table: "police_crimes",
      identity: "crime_ref_pseudonym, offence_code, lsoa_code, ward_code",
      lines: { choices in
        [NormalisationHostileTests.crimesHeader]
          + (0..<6).map { index in
            let postcode = ["PR1 8XB", "PR7 1AA", ""][index % 3]
            let lsoa = index % 3 == 2 ? "E01900003" : ""
            return NormalisationHostileTests.crimeRow(
              reference: respell("LC-25-000000\(index)", &choices),
              offence: respell(["8N", "105A", "34B"][index % 3], &choices),
              postcode: respell(postcode, &choices),
              lsoa: lsoa.isEmpty ? "" : respell(lsoa, &choices, spacesInside: false))
          }
      }),
    Delivery(
      feed: "police-uk", table: "police_uk_street",
      identity: "crime_id, lsoa_code, crime_type, ward_code",
      lines: { choices in
        [PoliceUKRows.header]
          + (0..<6).map { index in
            let id = index < 4 ? String(format: "%064x", 0xABC0 + index) : ""
            let lsoa = ["E01900001", "E01900003", "E01800001"][index % 3]
            return [
              respell(id, &choices, spacesInside: false), "2025-01", "Lancashire Constabulary",
              respellText("Lancashire Constabulary", &choices), "-2.700000", "53.760000",
              "On or near High Street", respell(lsoa, &choices, spacesInside: false), "",
              index < 4 ? "Violence and sexual offences" : "Anti-social behaviour", "", "",
            ].joined(separator: ",")
          }
      }),
  ]

  @Test func respelledDeliveriesOfTheSameRecordsLeaveEachRecordOnceInTheSameWard() async throws {
    let numbers = Gen.int(in: 0...9_999).array(of: 200)
    await propertyCheck(count: 30, input: numbers, Gen.int(in: 0...2)) { numbers, feedIndex in
      do {
        try Self.check(Self.deliveries[feedIndex], numbers: numbers)
      } catch {
        Issue.record("\(error)")
      }
    }
  }

  /// Ingests the canonical spelling, then two random respellings (new bytes each time), and
  /// checks that every one leaves the same records, placed alike, with `made verify` passing.
  static func check(_ delivery: Delivery, numbers: [Int]) throws {
    let test = try TestWorkspace()
    var canonical = Choices(numbers: [])
    var choices = Choices(numbers: numbers)
    let first = try test.temporaryFile(
      "canonical.csv",
      contents: Data((delivery.lines(&canonical).joined(separator: "\r\n") + "\r\n").utf8))
    let loaded = try test.ingest(first, feed: delivery.feed)
    #expect(loaded.rowsRejected == 0)
    let query = "SELECT \(delivery.identity) FROM \(delivery.table) ORDER BY 1, 2, 3, 4"
    let expected = try test.strings(query)
    #expect(expected.count == 6)
    for attempt in 1...2 {
      let lines = delivery.lines(&choices)
      let path = try test.temporaryFile(
        "respelled-\(attempt).csv", contents: encode(lines, &choices))
      let outcome = try test.ingest(path, feed: delivery.feed)
      let shown = lines.dropFirst().map {
        $0.unicodeScalars.map { $0.isASCII ? String($0) : "<\(String($0.value, radix: 16))>" }
          .joined()
      }
      #expect(outcome.status == .loaded, "\(shown)")
      #expect(outcome.rowsRejected == 0, "\(delivery.feed): \(shown)")
      #expect(try test.count("SELECT count(*) FROM \(delivery.table)") == 6, "\(shown)")
      #expect(try test.strings(query) == expected, "\(delivery.feed): \(shown)")
      for finding in try test.pipeline.verify() where !finding.passed {
        Issue.record("verify: \(finding) after \(shown)")
      }
    }
  }
}
