import Foundation

/// `report.html` of an indicator pack: one self-contained HTML5 page (inline CSS and SVG, no
/// script, nothing fetched) that a partner can read offline or print on A4.
///
/// It is written from the `Pack` alone, after disclosure control, so it shows what the CSVs
/// show and nothing more: a suppressed cell is the symbol `c`, never a number, and nothing is
/// derived from other cells. The bytes depend on the pack only (no clock, no locale, no random
/// ids), so the same warehouse gives the same report.
///
/// Related design: docs/design.md § "Packs"; the notes follow docs/methods.md § "Small-number".
enum PackReport {
  /// The indicators the ranked bar charts compare the children on, when the pack has them.
  static let rankedIndicatorIDs = [
    "sv_offences", "ae_assault", "yot_violence", "school_susp_violence", "sv_harm",
  ]
  /// The multi-agency hotspot indicator, which has its own table.
  static let hotspotIndicatorID = "multi_agency_hotspot"
  /// A child is a hotspot when this many partner types or more are worse than the county.
  static let hotspotMinimum = 2
  /// The hotspot table lists at least this many children, the highest first.
  static let hotspotListed = 10

  /// The whole page: the sections in reading order, each written by its own file.
  static func html(_ pack: Pack) -> String {
    let report = Report(pack: pack)
    var lines = HTMLPage.opening(language: "en-GB", title: report.title, stylesheet: css)
    lines.append("<main>")
    lines += report.introduction()
    lines += report.summarySection()
    lines += report.headline()
    lines += report.maps()
    lines += report.trends()
    lines += report.ranked()
    lines += report.hotspot()
    lines += report.notes()
    lines.append("</main>")
    lines += HTMLPage.closing
    return lines.joined(separator: "\n")
  }

  /// `report.css`, embedded in the binary: the page's only stylesheet, written inline so the
  /// report opens offline and prints on A4.
  static let css = HTMLPage.stylesheet(PackageResources.report_css)
}
