import Foundation

/// A file-system step of filing a delivery failed: which path, what was being done, and the
/// system's reason.
struct FilingError: Error, CustomStringConvertible {
  let path: String
  let action: String
  let errno: Int32

  var description: String {
    "\(action) \(path): \(String(cString: strerror(errno)))"
  }
}
