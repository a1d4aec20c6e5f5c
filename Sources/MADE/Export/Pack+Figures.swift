import Crypto
import Foundation

extension Pack {
  /// SHA-256 of what the pack publishes: the MADE version that writes it (a new version may
  /// render the same figures differently), its area, children, period and settings, its
  /// `indicators.csv` and `indicator_metadata.csv` as written, and its report. Not `created`
  /// nor the feeds' latest deliveries: a new month of one feed changes those for every pack,
  /// and nightly rewrites a pack only when this digest changes (`PackExport`), so a pack
  /// whose figures are unchanged keeps the date of the load it was written from.
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
    // The report as this MADE renders it, less the dates: a change to the page (a new
    // section, other words) rewrites packs even when the version string stays the same.
    var undated = self
    undated.created = ""
    undated.sources = []
    add(PackReport.html(undated))
    return hasher.finalize().hexString
  }
}
