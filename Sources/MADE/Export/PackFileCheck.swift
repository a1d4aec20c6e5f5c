import Foundation

/// Whether a pack in `packs/` is still the file MADE recorded writing (`pack_files`): nightly
/// rewrites one that is missing or altered, and `made verify` reports it.
enum PackFileCheck {
  enum Problem: Equatable, CustomStringConvertible {
    case missing(String)
    case notAFile(String)
    case altered(String)

    var description: String {
      switch self {
      case .missing(let name): return "\(name) is missing"
      case .notAFile(let name): return "\(name) is not a file MADE can read (a folder?)"
      case .altered(let name): return "\(name) is not the file MADE wrote (its SHA-256 differs)"
      }
    }
  }

  /// What is wrong with the recorded pack `file` in `folder`, or nil when it is as written.
  static func problem(with file: Warehouse.PackFile, in folder: URL) -> Problem? {
    let url = folder.appendingPathComponent(file.fileName)
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
      return .missing(file.fileName)
    }
    guard !isFolder.boolValue, let bytes = try? Data(contentsOf: url) else {
      return .notAFile(file.fileName)
    }
    return HexDigest.sha256(bytes) == file.bytesSHA256 ? nil : .altered(file.fileName)
  }

  /// The problems of every recorded pack file, in name order.
  static func problems(with files: [String: Warehouse.PackFile], in folder: URL) -> [Problem] {
    files.keys.sorted().compactMap { problem(with: files[$0]!, in: folder) }
  }
}
