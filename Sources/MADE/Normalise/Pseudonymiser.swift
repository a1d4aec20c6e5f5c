import Crypto
import Foundation

/// Replaces identifiers by HMAC-SHA256 with the workspace key, before anything is written.
///
/// The same identifier always gives the same pseudonym in one workspace (so records link
/// across deliveries) and cannot be reversed without the key, which never enters the warehouse.
struct Pseudonymiser: @unchecked Sendable {
  private let key: SymmetricKey

  init(keyBytes: [UInt8]) {
    key = SymmetricKey(data: keyBytes)
  }

  /// Lower-case hex of HMAC-SHA256(key, identifier), the identifier in canonical code form
  /// first (`TextNormalisation.code`: NFKC, no spaces or invisible characters, upper case), so
  /// that `lc-24-1`, ` LC-24-1` and `LC\u{00A0}-24-1\u{200B}` are one person or crime. For
  /// ASCII without control characters this is what MADE always did (spaces dropped, upper
  /// case), so earlier pseudonyms still link.
  func pseudonym(of identifier: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
    var normalised: [UInt8] = []
    normalised.reserveCapacity(identifier.count)
    TextNormalisation.appendCode(identifier, case: .upper, to: &normalised)
    let code = HMAC<SHA256>.authenticationCode(for: normalised, using: key)
    let digits: [UInt8] = Array("0123456789abcdef".utf8)
    for byte in code {
      output.append(digits[Int(byte >> 4)])
      output.append(digits[Int(byte & 0x0F)])
    }
  }

  func pseudonym(of identifier: String) -> String {
    var output: [UInt8] = []
    var bytes = Array(identifier.utf8)
    bytes.withUnsafeMutableBufferPointer { pseudonym(of: UnsafeBufferPointer($0), into: &output) }
    return String(decoding: output, as: UTF8.self)
  }
}
