import Foundation

/// A first look at a delivered file's bytes: compressed? text at all? For a gzip file, at the
/// first bytes it holds (a gzipped workbook or PDF is no more a CSV than the file itself).
struct FileSniffer {
  var isGzip = false
  var bytes = 0
  /// Why the file is not a text file, if it is not.
  var notText: String?

  /// Looks at the head of `file` without moving its read position; `bytes` is its size as
  /// opened.
  static func sniff(_ file: DeliveredFile) throws -> FileSniffer {
    var result = FileSniffer()
    let head = try file.head(8192)
    result.bytes = file.size
    if head.starts(with: [0x1F, 0x8B]) {
      result.isGzip = true
      result.notText = inflatedHead(file).flatMap(describeBinary).map {
        "a gzip holding \($0)"
      }
      return result
    }
    result.notText = describeBinary(head)
    return result
  }

  /// Whether the file at a path the operator named starts like a zip (and so an `.xlsx`).
  static func isZip(path: String) throws -> Bool {
    try DeliveredFile(path: path, followLink: true).head(4) == [0x50, 0x4B, 0x03, 0x04]
  }

  /// Up to the first 8 KiB a gzip file inflates to; nil when they cannot be read (a corrupt
  /// or truncated stream is reported when the file is read for loading).
  static func inflatedHead(_ file: DeliveredFile) -> [UInt8]? {
    guard let copy = try? file.rewound(), let gzip = try? GzipSource(upstream: copy) else {
      return nil
    }
    var head = [UInt8](repeating: 0, count: 8192)
    var count = 0
    while count < head.count {
      let read = head.withUnsafeMutableBytes { buffer in
        try? gzip.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[count...]))
      }
      guard let read else { return nil }
      if read == 0 { break }
      count += read
    }
    return Array(head[0..<count])
  }

  /// Names a binary format from its first bytes, or judges the bytes not text; nil for text.
  static func describeBinary(_ head: [UInt8]) -> String? {
    if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
      return "a zip archive or an Excel workbook (.xlsx): export the sheet as CSV"
    }
    if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
      return "an old Excel workbook (.xls): export the sheet as CSV"
    }
    if head.starts(with: Array("%PDF".utf8)) { return "a PDF document, not CSV" }
    if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
      return "UTF-16 text (Excel's 'Unicode Text'): save it as 'CSV UTF-8' instead"
    }
    if head.isEmpty { return nil }
    // Control bytes other than tab, CR, LF in more than 1% of the first 8 KiB: not text.
    let control = head.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }.count
    if control * 100 > head.count {
      return "binary data (\(control) control bytes in the first \(head.count))"
    }
    return nil
  }
}
