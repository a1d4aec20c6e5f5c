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
      "lookup.xlsx", contents: Data([0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 64)))
    // Lookups are CSV; a workbook is refused with what to do.
    #expect {
      try test.pipeline.loadReference(.wards, path: path, year: nil)
    } throws: { error in
      "\(error)".contains("export the sheet as CSV")
    }
    // Population estimates are read from their workbook (PopulationWorkbookTests); a broken
    // one says what to do as well.
    #expect {
      try test.pipeline.loadReference(.population, path: path, year: 2022)
    } throws: { error in
      "\(error)".contains("not a workbook MADE can read")
        && "\(error)".contains("export the sheet as CSV and load that")
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
