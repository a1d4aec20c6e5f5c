import Foundation
import Testing

@testable import MADE

/// Files MADE rewrites (packs, reports, reason notes) go through one predictable temporary
/// name, so a write cut short never leaves a stray file behind for good.
@Suite struct FileReplacementTests {
  @Test func aWriteCutShortIsTakenOverByTheNextWriteOfTheSameFile() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("made-replace-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let pack = folder.appendingPathComponent("made-pack-E07000123-2025-Q1.zip")
    try Data("old".utf8).write(to: pack)
    // What a kill between writing and renaming leaves.
    try Data("half a z".utf8).write(
      to: folder.appendingPathComponent(".made-pack-E07000123-2025-Q1.zip.partial"))
    try Data("the whole new pack".utf8).replace(pack)
    #expect(try Data(contentsOf: pack) == Data("the whole new pack".utf8))
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path)
        == ["made-pack-E07000123-2025-Q1.zip"])
  }
}
