/// A batch of normalised rows on their way from the parsing thread to the SQLite writer.
///
/// Values live in one byte arena, so the writer binds them without making Strings. Each row
/// has `width` cells in the order of the record table's insert statement.
final class RowBatch: @unchecked Sendable {
  struct Cell {
    enum Tag: UInt8 { case null, integer, real, text, blob }
    var tag: Tag
    var number: Int64 = 0
    var offset: Int32 = 0
    var count: Int32 = 0
  }

  let width: Int
  var arena: [UInt8] = []
  var cells: [Cell] = []
  /// Rows rejected while reading and validating, in file order.
  var rejects: [Reject] = []
  /// Records read in this batch (loaded candidates plus rejects).
  var recordsRead = 0
  /// Bytes of the delivered file read when the batch was closed (for progress).
  var sourceBytes = 0

  init(width: Int, capacity: Int) {
    self.width = width
    arena.reserveCapacity(capacity * 160)
    cells.reserveCapacity(capacity * width)
  }

  var rowCount: Int { cells.count / width }

  func appendNull() { cells.append(Cell(tag: .null)) }

  func appendInteger(_ value: Int64) { cells.append(Cell(tag: .integer, number: value)) }

  func appendReal(_ value: Double) {
    cells.append(Cell(tag: .real, number: Int64(bitPattern: value.bitPattern)))
  }

  func appendText<C: Collection>(_ bytes: C) where C.Element == UInt8 {
    let offset = arena.count
    arena.append(contentsOf: bytes)
    cells.append(Cell(tag: .text, offset: Int32(offset), count: Int32(arena.count - offset)))
  }

  func appendZeroBlob(count: Int) {
    let offset = arena.count
    arena.append(contentsOf: repeatElement(0, count: count))
    cells.append(Cell(tag: .blob, offset: Int32(offset), count: Int32(count)))
  }

  /// Drops the cells of a row that was started and then rejected.
  func truncate(toCellCount count: Int, arenaCount: Int) {
    cells.removeSubrange(count...)
    arena.removeSubrange(arenaCount...)
  }
}
