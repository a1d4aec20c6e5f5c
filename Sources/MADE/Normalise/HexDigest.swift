import Crypto
import Foundation

/// Lower-case hex, the way MADE writes every SHA-256 it stores or prints.
extension Sequence where Element == UInt8 {
  var hexString: String { map { String(format: "%02x", $0) }.joined() }
}

enum HexDigest {
  /// The hex SHA-256 of `bytes`.
  static func sha256(_ bytes: Data) -> String { SHA256.hash(data: bytes).hexString }
}
