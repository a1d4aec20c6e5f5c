import Foundation
import Testing

@testable import MADE

@Suite struct ReferenceLoaderTests {
  @Test func findsColumnsByTheirCodedNamesWhateverTheVintage() throws {
    let test = try TestWorkspace()
    #expect(
      try test.strings("SELECT lsoa_vintage, count(*) FROM ref_lsoa_wards GROUP BY 1") == [
        "2011|1", "2021|4",
      ])
    #expect(try test.strings("SELECT DISTINCT vintage FROM ref_wards") == ["2024"])
    #expect(
      try test.strings("SELECT lad_code, in_area FROM ref_lads ORDER BY lad_code") == [
        "E07000118|1", "E07000123|1", "E08000010|0",
      ])
  }

  @Test func normalisesPostcodesAndFlagsTerminatedOnes() throws {
    let test = try TestWorkspace()
    #expect(
      try test.strings("SELECT postcode, terminated FROM ref_postcodes ORDER BY postcode") == [
        "PR00AA|NULL", "PR18XB|NULL", "PR19ZZ|202001", "PR71AA|NULL", "WN11AA|NULL",
      ])
    for text in ["pr18xb", "PR1  8XB", "PR1 8XB", " pr1 8xb "] {
      #expect(Postcode.compact(text) == "PR18XB")
    }
    #expect(Postcode.compact("UNKNOWN") == nil)
    #expect(Postcode.compact("N/A") == nil)
  }

  @Test func resolvesATerminatedPostcodeAndTreatsPseudoCodesAsUnknown() throws {
    let test = try TestWorkspace()
    let index = try test.warehouse().geographyIndex(areaLADs: Set(Config.lancashireLADs))
    let terminated = try #require(index.byPostcode[CodeKey("PR19ZZ")!])
    #expect(index.places[Int(terminated)].terminated)
    #expect(index.byPostcode[CodeKey("PR00AA")!] == nil)
  }

  @Test func loadsPopulationBySingleYearOfAgeForTheGivenYear() throws {
    let test = try TestWorkspace()
    #expect(
      try test.strings(
        "SELECT ward_code, year, sum(population) FROM ref_population GROUP BY 1, 2 ORDER BY 1")
        == ["E05900001|2022|1000", "E05900002|2022|2000", "E05900003|2022|5000"])
    #expect(try test.count("SELECT count(DISTINCT age) FROM ref_population") == 91)
    #expect(throws: ReferenceError.self) {
      try test.pipeline.loadReference(
        .population, path: Fixtures.url("reference/population.csv").path, year: nil)
    }
  }

  @Test func refusesAFileWithoutTheColumnsItsKindNeeds() throws {
    let test = try TestWorkspace()
    #expect {
      try test.pipeline.loadReference(
        .wards, path: Fixtures.url("reference/postcodes.csv").path, year: nil)
    } throws: { error in
      "\(error)".contains("no column for the ward code")
    }
  }

  @Test func readsONSPDColumnNamesAndPrefersTheVariableFormPostcode() throws {
    let test = try TestWorkspace()
    let rows = try test.pipeline.loadReference(
      .postcodes, path: Fixtures.url("reference/onspd-postcodes.csv").path, year: nil)
    #expect(rows == 2)
    #expect(
      try test.strings(
        "SELECT postcode, postcode_display, ward_code, lad_code, source FROM ref_postcodes") == [
          "PR18XB|PR1 8XB|E05900001|E07000123|ONSPD", "PR71AA|PR7 1AA|E05900003|E07000118|ONSPD",
        ])
  }

  @Test func decodesAWindows1252ReferenceFileAndReplacesTheEarlierWards() throws {
    let test = try TestWorkspace()
    _ = try test.pipeline.loadReference(
      .wards, path: Fixtures.url("reference/cp1252-wards.csv").path, year: nil)
    #expect(
      try test.strings("SELECT ward_name FROM ref_wards ORDER BY ward_code") == [
        "Preston Café Quarter", "Preston North", "Chorley East",
      ])
  }

  @Test func theLatestLSOAVintageWinsWhenTwoDisagree() throws {
    let test = try TestWorkspace()
    _ = try test.pipeline.loadReference(
      .lsoaWards, path: Fixtures.url("reference/lsoa11-conflicting.csv").path, year: nil)
    let index = try test.warehouse().geographyIndex(areaLADs: Set(Config.lancashireLADs))
    let place = try #require(index.byLSOA[CodeKey("E01900002")!])
    #expect(index.places[Int(place)].wardCode == Array("E05900002".utf8))
  }

  @Test func sumsPopulationColumnsBySexInONSsNewerLayout() throws {
    let test = try TestWorkspace()
    _ = try test.pipeline.loadReference(
      .population, path: Fixtures.url("reference/population-by-sex.csv").path, year: 2023)
    #expect(
      try test.strings(
        "SELECT sum(population), min(population) FROM ref_population WHERE year = 2023") == [
          "273|3"
        ])
  }

  @Test func refusesASpreadsheetWithAnInstructionToSaveItAsCSV() throws {
    let test = try TestWorkspace()
    let path = try test.temporaryFile(
      "population.xlsx", contents: Data([0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 64)))
    #expect {
      try test.pipeline.loadReference(.population, path: path, year: 2022)
    } throws: { error in
      "\(error)".contains("export the sheet as CSV")
    }
  }

  @Test func recordsEachLoadForLineage() throws {
    let test = try TestWorkspace()
    #expect(
      try test.strings("SELECT kind, original_name, rows FROM reference_loads ORDER BY load_id")
        == [
          "wards|wards.csv|4", "lsoa-wards|lsoa11-wards.csv|1", "lsoa-wards|lsoa-wards.csv|4",
          "postcodes|postcodes.csv|5", "population|population.csv|3", "offences|offences.csv|4",
          "method-rules|method-rules.csv|\(try test.count("SELECT count(*) FROM ref_method_rules"))",
          "schools|gias-schools.csv|2",
          "exclusion-reasons|exclusion-reasons.csv|\(try test.count("SELECT count(*) FROM ref_exclusion_reasons"))",
        ])
  }
}

@Suite struct SimplePatternTests {
  @Test func matchesTheWholeValue() throws {
    let lsoa = try SimplePattern("[EW]01[0-9]{6}")
    #expect(lsoa.matches("E01012345"))
    #expect(!lsoa.matches("E0101234"))
    #expect(!lsoa.matches("E010123456"))
    #expect(!lsoa.matches("S01012345"))
    let id = try SimplePattern("[0-9a-f]{64}")
    #expect(id.matches(String(repeating: "a1", count: 32)))
    #expect(!id.matches(String(repeating: "A1", count: 32)))
    let optional = try SimplePattern("A\\d+B?")
    #expect(optional.matches("A123") && optional.matches("A1B") && !optional.matches("AB"))
  }

  @Test func refusesSyntaxOutsideTheSubset() {
    #expect(throws: ConfigurationError.self) { try SimplePattern("(a|b)") }
  }
}

@Suite struct FieldCasterTests {
  func parse(_ text: String, _ format: String) -> FieldCaster.DateParts? {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer {
      FieldCaster.parseDate(UnsafeBufferPointer($0), format: Array(format.utf8))
    }
  }

  @Test func acceptsRealDatesOnly() {
    #expect(parse("29/02/2024", "%d/%m/%Y")?.day == 29)
    #expect(parse("29/02/2023", "%d/%m/%Y") == nil)
    #expect(parse("31/04/2024", "%d/%m/%Y") == nil)
    #expect(parse("1/3/2025", "%d/%m/%Y")?.month == 3)
    #expect(parse("2025-13", "%Y-%m") == nil)
    #expect(parse("24:00", "%H:%M") == nil)
    #expect(parse("2025-01-01x", "%Y-%m-%d") == nil)
    #expect(parse("01/01/0000", "%d/%m/%Y") == nil)
    #expect(parse("23:59", "%H:%M")?.minute == 59)
  }
}

@Suite struct DigitTests {
  @Test func padsDigitsToTheWidth() {
    for (value, width, expected) in [
      (7, 2, "07"), (2025, 4, "2025"), (0, 2, "00"), (123, 2, "123"),
    ] {
      var output: [UInt8] = []
      FieldCaster.appendDigits(value, width, to: &output)
      #expect(String(decoding: output, as: UTF8.self) == expected)
    }
  }
}
