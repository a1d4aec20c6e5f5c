import Crypto
import Foundation

extension Pack {
  /// SHA-256 of what the pack publishes: the MADE version that writes it (a new version may
  /// render the same figures differently), its area, children, period and settings, and its
  /// `indicators.csv` and `indicator_metadata.csv` as written. Not `created` nor the feeds'
  /// latest deliveries: a new month of one feed changes those for every pack, and nightly
  /// rewrites a pack only when this digest changes (`PackExport`), so a pack whose figures
  /// are unchanged keeps the date of the load it was written from.
  var figuresDigest: String {
    var hasher = SHA256()
    func add(_ text: String) { hasher.update(data: Data((text + "\n").utf8)) }
    add("made \(MADEVersion.string)")
    for place in [area, county] + children {
      add("\(place.geoType.rawValue)\t\(place.geoCode)\t\(place.geoName)")
    }
    add("\(periodType.rawValue)\t\(period)\t\(vrnName)\t\(licence ?? "-")\t\(suppressionThreshold)")
    add(PackWriter.indicatorsCSV(self))
    add(PackWriter.metadataCSV(self))
    return hasher.finalize().hexString
  }
}
