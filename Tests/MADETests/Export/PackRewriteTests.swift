import Foundation
import Testing

@testable import MADE

/// Nightly rewrites only the packs whose figures changed (`PackExport`, `pack_files`), writes
/// again a pack removed or altered by hand, and `made verify` notices such a pack.
@Suite struct PackRewriteTests {
  /// A police-uk delivery of `months`, twelve crimes a month; `lsoa(number)` places each.
  func delivery(
    _ months: [String], first: Int = 0, lsoa: (Int) -> String = { _ in "E01900001" }
  ) -> Data {
    var lines = [PoliceUKRows.header]
    for (index, month) in months.enumerated() {
      for number in 0..<12 {
        let id = (first + index) * 100 + number + 1
        lines.append(PoliceUKRows.row(id, month: month, lsoa: lsoa(id)))
      }
    }
    return Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
  }

  func night(_ test: TestWorkspace, _ name: String, _ data: Data) throws -> Nightly.Report {
    let url = test.workspace.inbox.appendingPathComponent("police-uk")
      .appendingPathComponent(name)
    try data.write(to: url)
    try FileManager.default.setAttributes(
      [.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: url.path)
    return try Nightly.run(workspace: test.workspace)
  }

  func packBytes(_ test: TestWorkspace) throws -> [String: Data] {
    var bytes: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: test.workspace.packs.path) {
      bytes[name] = try Data(contentsOf: test.workspace.packs.appendingPathComponent(name))
    }
    return bytes
  }

  @Test func aNewMonthOutsideThePacksPeriodsRewritesNoPack() throws {
    let test = try TestWorkspace()
    let first = try night(test, "2025-q1.csv", delivery(["2025-01", "2025-02", "2025-03"]))
    #expect(!first.packsWritten.isEmpty && first.packsUnchanged == 0)
    let before = try packBytes(test)
    // April changes April's values (and the delivered months), not the quarter's figures.
    let april = try night(test, "2025-04.csv", delivery(["2025-04"], first: 3))
    #expect(april.files.map(\.status) == ["loaded"])
    #expect(april.indicatorValuesWritten > 0)
    #expect(april.packsWritten.isEmpty)
    #expect(april.packsUnchanged == first.packsWritten.count)
    #expect(MADE.Nightly.text(april).contains("unchanged (figures as written)"))
    #expect(try packBytes(test) == before)
  }

  @Test func aCrimeMovedBetweenWardsOfOneDistrictRewritesThatDistrictsPacksOnly() throws {
    let test = try TestWorkspace()
    let months = ["2025-01", "2025-02", "2025-03"]
    let first = try night(test, "2025-q1.csv", delivery(months))
    let before = try packBytes(test)
    // February again, one crime now in Preston North (E01900002) instead of Preston Central:
    // Preston's wards change; its district, the county and the other districts do not. The
    // packs that list Preston's wards are Preston's and its partnership's.
    let partnership = try #require(
      test.pipeline.config.partnerships.first { $0.ladCodes.contains("E07000123") }?.code)
    func listsPrestonsWards(_ name: String) -> Bool {
      name.contains("-E07000123-") || name.contains("-\(partnership)-")
    }
    let moved = try night(
      test, "2025-02.csv", delivery(["2025-02"], first: 1) { $0 == 101 ? "E01900002" : "E01900001" }
    )
    #expect(moved.files.map(\.rowsLoaded) == [12])
    #expect(moved.packsWritten.sorted() == first.packsWritten.filter(listsPrestonsWards).sorted())
    #expect(moved.packsWritten.count == 2)
    #expect(moved.packsUnchanged == first.packsWritten.count - moved.packsWritten.count)
    let after = try packBytes(test)
    for (name, bytes) in before {
      #expect((after[name] == bytes) == !listsPrestonsWards(name), "\(name)")
    }
  }

  @Test func aPackRemovedOrAlteredIsNamedByVerifyAndWrittenAgainByNightly() throws {
    let test = try TestWorkspace()
    let first = try night(test, "2025-q1.csv", delivery(["2025-01", "2025-02", "2025-03"]))
    let names = first.packsWritten.sorted()
    try #require(names.count >= 2)
    #expect(try test.pipeline.verify().allSatisfy(\.passed))
    let packs = test.workspace.packs
    let original = try Data(contentsOf: packs.appendingPathComponent(names[0]))
    try (original + Data("tampered".utf8)).write(to: packs.appendingPathComponent(names[0]))
    try FileManager.default.removeItem(at: packs.appendingPathComponent(names[1]))
    let finding = try #require(
      try test.pipeline.verify().first { $0.check == "packs are as written" })
    #expect(!finding.passed)
    #expect(finding.detail.contains("\(names[0]) is not the file MADE wrote"))
    #expect(finding.detail.contains("\(names[1]) is missing"))
    // Nothing new, but two packs are not what was written: exactly those two are written.
    let repair = try Nightly.run(workspace: test.workspace)
    #expect(repair.indicatorValuesWritten == 0)
    #expect(repair.packsWritten.sorted() == [names[0], names[1]].sorted())
    #expect(try Data(contentsOf: packs.appendingPathComponent(names[0])) == original)
    #expect(try test.pipeline.verify().allSatisfy(\.passed))
    #expect(try Nightly.run(workspace: test.workspace).packsWritten.isEmpty)
  }

  @Test func aFolderWhereAPackBelongsIsNamedAndLeftAlone() throws {
    let test = try TestWorkspace()
    let first = try night(test, "2025-q1.csv", delivery(["2025-01", "2025-02", "2025-03"]))
    let name = try #require(first.packsWritten.first)
    let pack = test.workspace.packs.appendingPathComponent(name)
    try FileManager.default.removeItem(at: pack)
    try FileManager.default.createDirectory(
      at: pack.appendingPathComponent("inside"), withIntermediateDirectories: true)
    let finding = try #require(
      try test.pipeline.verify().first { $0.check == "packs are as written" })
    #expect(finding.detail.hasPrefix("\(name) is not a file MADE can read (a folder?)"))
    // Nightly finishes, says which folder is in the way and what to do, exits 2, and
    // removes nothing.
    let (status, out, _) = try runMade(["nightly", "--workspace", test.root.path])
    #expect(status == MADEExitCode.usageOrConfiguration.rawValue)
    #expect(
      out.contains("NOT WRITTEN: \(pack.path) is a folder, where MADE writes a file: move it away"))
    let report = try Nightly.run(workspace: test.workspace)
    #expect(report.exitCode == MADEExitCode.usageOrConfiguration.rawValue)
    #expect(report.packsNotWritten.count == 1 && report.packsWritten.isEmpty)
    #expect(report.packsUnchanged == first.packsWritten.count - 1)
    #expect(FileManager.default.fileExists(atPath: pack.appendingPathComponent("inside").path))
    let partials = try FileManager.default.contentsOfDirectory(atPath: test.workspace.packs.path)
      .filter { $0.hasSuffix(".partial") }
    #expect(partials.isEmpty)
    try FileManager.default.removeItem(at: pack)
    #expect(try Nightly.run(workspace: test.workspace).packsWritten == [name])
    #expect(try test.pipeline.verify().allSatisfy(\.passed))
  }

  @Test func aPackReplacedByASymbolicLinkIsWrittenAgainAndItsTargetLeftAlone() throws {
    let test = try TestWorkspace()
    let first = try night(test, "2025-q1.csv", delivery(["2025-01", "2025-02", "2025-03"]))
    let name = try #require(first.packsWritten.first)
    let pack = test.workspace.packs.appendingPathComponent(name)
    let original = try Data(contentsOf: pack)
    // A link to a file elsewhere that someone edited: not the pack MADE wrote.
    let elsewhere = test.root.appendingPathComponent("edited.zip")
    try (original + Data("edited".utf8)).write(to: elsewhere)
    try FileManager.default.removeItem(at: pack)
    try FileManager.default.createSymbolicLink(at: pack, withDestinationURL: elsewhere)
    let finding = try #require(
      try test.pipeline.verify().first { $0.check == "packs are as written" })
    #expect(finding.detail.hasPrefix("\(name) is not the file MADE wrote"))
    #expect(try Nightly.run(workspace: test.workspace).packsWritten == [name])
    // The link itself is replaced by the pack; what it pointed to is not written through.
    let kind =
      try FileManager.default.attributesOfItem(atPath: pack.path)[.type] as? FileAttributeType
    #expect(kind == .typeRegular)
    #expect(try Data(contentsOf: pack) == original)
    #expect(try Data(contentsOf: elsewhere) == original + Data("edited".utf8))
    #expect(try test.pipeline.verify().allSatisfy(\.passed))
  }

  @Test func theFiguresDigestIgnoresTheLoadDateButNotAFigureOrSetting() throws {
    let test = try TestWorkspace()
    _ = try night(test, "2025-q1.csv", delivery(["2025-01", "2025-02", "2025-03"]))
    let pack = try #require(
      try Exporter(
        warehouse: test.workspace.openWarehouse(), catalog: try IndicatorCatalog.builtIn(),
        feeds: try test.pipeline.catalog(), config: test.pipeline.config
      ).packs(area: "E07000123", period: nil).first)
    var later = pack
    later.created = "2030-01-01T00:00:00Z"
    later.sources = later.sources.map {
      var source = $0
      source.lastDelivered = "2030-01-01"
      source.lastMonth = "2029-12"
      return source
    }
    #expect(later.figuresDigest == pack.figuresDigest)
    var changed = pack
    let row = try #require(changed.rows.firstIndex { $0.numerator.number != nil })
    changed.rows[row].numerator = .number(changed.rows[row].numerator.number! + 1)
    #expect(changed.figuresDigest != pack.figuresDigest)
    var threshold = pack
    threshold.suppressionThreshold += 1
    #expect(threshold.figuresDigest != pack.figuresDigest)
  }
}
