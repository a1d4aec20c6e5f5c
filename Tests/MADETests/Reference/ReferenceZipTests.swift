import Crypto
import Foundation
import Testing
import ZIPFoundation

@testable import MADE

/// Lookups and postcode directories loaded from the `.zip` ONS publishes them in. Serialized:
/// each test checks that no temporary CSV is left behind.
@Suite(.serialized) struct ReferenceZipTests {
  static func zip(_ members: [String: Data]) throws -> Data {
    let archive = try Archive(data: Data(), accessMode: .create)
    for (name, data) in members.sorted(by: { $0.key < $1.key }) {
      try archive.addEntry(
        with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
      ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
    }
    return archive.data!
  }

  static func fixture(_ name: String) throws -> Data {
    try Data(contentsOf: Fixtures.url("reference/\(name)"))
  }

  @Test func loadsTheDirectoryFromTheNSPLZipAsPublished() throws {
    let fromCSV = try TestWorkspace()
    let postcodes = """
      SELECT postcode, ward_code, lad_code, terminated FROM ref_postcodes ORDER BY postcode
      """
    let expected = try fromCSV.strings(postcodes)
    // The NSPL download: user guides, the one UK file, and the same split by area.
    let csv = try Self.fixture("postcodes.csv")
    let bytes = try Self.zip([
      "Data/NSPL21_NOV_2024_UK.csv": csv,
      "Data/multi_csv/NSPL21_NOV_2024_UK_PR.csv": csv,
      "Documents/NSPL User Guide Nov 2024.pdf": Data("%PDF-1.7".utf8),
      "User Guide/Read me.txt": Data("read me".utf8),
    ])
    let test = try TestWorkspace()
    let path = try test.temporaryFile("NSPL21_NOV_2024.zip", contents: bytes)
    #expect(try test.pipeline.loadReference(.postcodes, path: path, year: nil) == 5)
    #expect(try test.strings(postcodes) == expected)
    #expect(
      try test.strings(
        "SELECT original_name, sha256 FROM reference_loads WHERE kind = 'postcodes' "
          + "ORDER BY load_id DESC LIMIT 1")
        == [
          "tmp-NSPL21_NOV_2024.zip › Data/NSPL21_NOV_2024_UK.csv|"
            + SHA256.hash(data: bytes).hexString
        ])
  }

  @Test func loadsALookupFromItsZipAndSaysWhichCSVsItCannotChooseBetween() throws {
    let test = try TestWorkspace()
    let lookup = try test.temporaryFile(
      "WD24_LAD24_UK_LU.zip",
      contents: try Self.zip([
        "WD24_LAD24_UK_LU.csv": try Self.fixture("wards.csv"),
        "Metadata.txt": Data("about".utf8),
      ]))
    #expect(try test.pipeline.loadReference(.wards, path: lookup, year: nil) == 4)
    // Two lookups in one zip: the kind's name pattern picks.
    let two = try test.temporaryFile(
      "two.zip",
      contents: try Self.zip([
        "WD24_LAD24_UK_LU.csv": try Self.fixture("wards.csv"),
        "LSOA21_WD24_LAD24_EW_LU.csv": try Self.fixture("lsoa-wards.csv"),
      ]))
    #expect(try test.pipeline.loadReference(.wards, path: two, year: nil) == 4)
    #expect(try test.pipeline.loadReference(.lsoaWards, path: two, year: nil) == 4)
    // Neither name says which: refused, listing them.
    let unclear = try test.temporaryFile(
      "unclear.zip",
      contents: try Self.zip(["a.csv": Data("x\n".utf8), "b.csv": Data("y\n".utf8)]))
    #expect {
      try test.pipeline.loadReference(.offences, path: unclear, year: nil)
    } throws: {
      "\($0)".contains("2 CSVs in the zip could be the offences table (a.csv, b.csv)")
    }
    let none = try test.temporaryFile(
      "none.zip", contents: try Self.zip(["readme.txt": Data("x".utf8)]))
    #expect {
      try test.pipeline.loadReference(.wards, path: none, year: nil)
    } throws: { "\($0)".contains("no CSV in the zip for wards") }
    // A bad row names the member and its line.
    var broken = try Self.fixture("wards.csv")
    broken.append(Data("5,NOT-A-CODE,Somewhere,E07000123,Preston\n".utf8))
    let bad = try test.temporaryFile(
      "bad.zip", contents: try Self.zip(["WD24_LAD24_UK_LU.csv": broken]))
    #expect {
      try test.pipeline.loadReference(.wards, path: bad, year: nil)
    } throws: { "\($0)".contains("tmp-bad.zip › WD24_LAD24_UK_LU.csv, line 6") }
    let left = try FileManager.default.contentsOfDirectory(
      atPath: FileManager.default.temporaryDirectory.path
    ).filter { $0.hasPrefix("made-reference-") }
    #expect(left.isEmpty, "\(left)")
  }

  @Test func findsTheDirectoryWhateverTheCaseOfItsName() throws {
    let test = try TestWorkspace()
    let csv = try Self.fixture("postcodes.csv")
    let path = try test.temporaryFile(
      "nspl.zip",
      contents: try Self.zip([
        "data/nspl21_nov_2024_uk.csv": csv, "data/multi_csv/nspl21_nov_2024_uk_pr.csv": csv,
      ]))
    #expect(try test.pipeline.loadReference(.postcodes, path: path, year: nil) == 5)
  }
}
