import Foundation

extension FileIngestor {
  /// Parses on a second thread while this one writes: there are two cores, and SQLite's
  /// writer is the longer half.
  func stream(
    reader: CSVReader, normaliser: RecordNormaliser, file: DeliveredFile, totalBytes: Int,
    load: FeedLoad, name: String
  ) throws -> FeedLoad {
    let channel = BatchChannel(capacity: 3)
    let width = normaliser.width
    let rowsPerBatch = batchRows
    let bytesPerBatch = batchBytes
    let parser = UncheckedBox((reader, normaliser, file))
    let thread = Thread {
      let (reader, normaliser, file) = parser.value
      do {
        var batch = RowBatch(width: width, capacity: rowsPerBatch)
        while try reader.next() {
          try normaliser.process(reader, into: batch)
          if batch.recordsRead >= rowsPerBatch || batch.arena.count >= bytesPerBatch {
            batch.sourceBytes = file.bytesRead
            guard channel.put(batch) else {
              channel.finish(error: nil)
              return
            }
            batch = RowBatch(width: width, capacity: rowsPerBatch)
          }
        }
        batch.sourceBytes = file.bytesRead
        if batch.recordsRead > 0 { _ = channel.put(batch) }
        channel.finish(error: nil)
      } catch {
        channel.finish(error: error)
      }
    }
    thread.stackSize = 1 << 22
    thread.start()
    var rows = 0
    do {
      while let batch = try channel.take() {
        try load.write(batch)
        rows += batch.recordsRead
        progress?.update(
          file: name, bytesRead: batch.sourceBytes, totalBytes: totalBytes, rows: rows)
      }
    } catch {
      channel.cancel()
      channel.waitUntilFinished()
      throw error
    }
    progress?.finish(file: name)
    return load
  }
}
