import Foundation

extension DeliveredFile {
  /// A file the operator named (a link followed, to a regular file) read whole, for the
  /// formats that need all of it in memory (GeoJSON, a workbook's zip), and its SHA-256;
  /// refused before reading when larger than `sizeLimit`, with `advice`.
  static func readWhole(path: String, sizeLimit: Int, advice: String) throws -> (
    data: Data, sha256: String
  ) {
    let file = try DeliveredFile(path: path, followLink: true)
    guard file.size <= sizeLimit else {
      throw ReferenceError(
        "\(path): \(file.size) bytes, more than the \(sizeLimit >> 20) MB MADE reads as one "
          + "piece. \(advice)")
    }
    var data = Data(count: file.size)
    var filled = 0
    while filled < data.count {
      let count = try data.withUnsafeMutableBytes {
        try file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...]))
      }
      if count == 0 { break }
      filled += count
    }
    return (data, file.digestHex)
  }
}
