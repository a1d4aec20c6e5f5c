import Foundation
import ZIPFoundation

/// The GeoJSON of a boundary download: the file itself, or the one `.geojson` / `.json`
/// member of a `.zip` as the Open Geography Portal packs it.
///
/// Read whole into memory (JSONSerialization needs it all), so a size limit stops a wrong file
/// before it takes the machine's memory: the ONS generalised national ward file (BGC) is about
/// 40 MB, the full-resolution one (BFC) about 500 MB.
struct BoundaryDownload {
  /// The JSON bytes.
  var data: Data
  /// Names the JSON in messages: the file, or `archive.zip › member.geojson`.
  var source: String
  /// SHA-256 of the file as delivered (the zip, for a zip).
  var sha256: String

  /// Reading GeoJSON takes about 30 times its size in memory (a 23 MB file: 650 MB), so a
  /// file past this would not fit most machines.
  static let sizeLimit = 256 << 20

  static func read(path: String, sizeLimit: Int = sizeLimit) throws -> BoundaryDownload {
    let (data, digest) = try DeliveredFile.readWhole(
      path: path, sizeLimit: sizeLimit,
      advice: "Download the generalised (BGC) boundaries: maps need no more detail.")
    guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
      return BoundaryDownload(data: data, source: path, sha256: digest)
    }
    let (member, json) = try geoJSONMember(of: data, path: path, sizeLimit: sizeLimit)
    return BoundaryDownload(data: json, source: "\(path) › \(member)", sha256: digest)
  }

  /// The one GeoJSON member of a zip, its size checked before and while it is inflated.
  private static func geoJSONMember(of data: Data, path: String, sizeLimit: Int) throws -> (
    String, Data
  ) {
    let archive: Archive
    do {
      archive = try Archive(data: data, accessMode: .read)
    } catch {
      throw ReferenceError("\(path): not a zip MADE can read (\(error)).")
    }
    let files = archive.deliveredFiles
    let members = files.filter {
      let name = $0.path.lowercased()
      return name.hasSuffix(".geojson") || name.hasSuffix(".json")
    }
    guard members.count == 1, let entry = members.first else {
      let names = files.map(\.path).sorted()
      let shapefile = names.contains { $0.lowercased().hasSuffix(".shp") }
      throw ReferenceError(
        "\(path): "
          + (members.isEmpty
            ? "no .geojson in the zip (it holds \(names.isEmpty ? "nothing" : names.joined(separator: ", ")))."
              + (shapefile
                ? " That is a shapefile: download the GeoJSON of the same boundaries." : "")
            : "\(members.count) GeoJSON files in the zip (\(members.map(\.path).sorted().joined(separator: ", "))); "
              + "unzip it and load the one you mean."))
    }
    var json = Data()
    let tooLarge = ReferenceError(
      "\(path) › \(entry.path): more than the \(sizeLimit >> 20) MB MADE reads as boundaries "
        + "once unzipped.")
    do {
      try archive.extract(entry, atMost: UInt64(sizeLimit), tooLarge: tooLarge) {
        json.append($0)
      }
    } catch let error as ReferenceError {
      throw error
    } catch {
      throw ReferenceError("\(path) › \(entry.path): cannot be unzipped (\(error)).")
    }
    return (entry.path, json)
  }
}
