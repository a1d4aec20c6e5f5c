extension PackReport.Report {
  /// The header: the title, what the pack is, its facts (area, period, benchmark, VRN, when
  /// the data was loaded, the months the records cover) and where the same numbers are in
  /// the CSVs.
  func introduction() -> [String] {
    let created = String(pack.created.prefix(10))
    // "the Lancashire Violence Reduction Network", but "Lancashire".
    let named = ["network", "partnership", "unit", "alliance"].contains {
      pack.vrnName.lowercased().hasSuffix($0)
    }
    let vrn =
      named && !pack.vrnName.lowercased().hasPrefix("the ") ? "the " + pack.vrnName : pack.vrnName
    let compared =
      isCountyPack
      ? "It covers the whole county; its \(plural(childrenType ?? .lad)) are compared with it."
      : "It compares \(area) with \(county), the county, which is the benchmark for every "
        + "area."
    return [
      "<header>",
      "<h1>\(escape(title))</h1>",
      "<p class=\"lede\">This report is part of the indicator pack that MADE, the multi-agency "
        + "data exchange of \(escape(vrn)), publishes for \(area) for "
        + "\(escape(periodDescription(pack.periodType, pack.period))). \(compared)</p>",
      "<dl class=\"facts\">",
      "<div><dt>Area</dt><dd>\(area) (\(singular(pack.area.geoType))"
        + "\(isCountyPack ? "" : ", " + escape(pack.area.geoCode)))</dd></div>",
      "<div><dt>Period</dt><dd>\(escape(capitalised(periodName(pack.periodType, pack.period))))"
        + "</dd></div>",
      "<div><dt>Benchmark</dt><dd>\(county) (county)</dd></div>",
      "<div><dt>Violence Reduction Network</dt><dd>\(escape(pack.vrnName))</dd></div>",
      "<div><dt>Created</dt><dd><time datetime=\"\(escape(pack.created))\">"
        + "\(escape(created))</time> <span class=\"unit\">(data last loaded)</span></dd></div>",
    ] + dataPeriod() + [
      "</dl>",
      "<p>The CSV files in this pack (<code>indicators.csv</code> and "
        + "<code>indicator_metadata.csv</code>) hold the same numbers as this report, with "
        + "the 99.8% intervals too: use them for analysis. A <abbr class=\"c\" title=\""
        + suppressedTitle + "\">c</abbr> marks a value suppressed to protect confidentiality "
        + "(see the notes).</p>",
      "</header>",
    ]
  }

  /// "Records 2022-04 to 2025-03": the months the partners' records cover, and the
  /// latest delivery (nothing when the pack has no sources).
  func dataPeriod() -> [String] {
    guard let first = pack.sources.map(\.firstMonth).min(),
      let last = pack.sources.map(\.lastMonth).max(),
      let delivered = pack.sources.map(\.lastDelivered).max()
    else { return [] }
    return [
      "<div><dt>Data</dt><dd>Records \(escape(first)) to \(escape(last)) <span "
        + "class=\"unit\">(latest delivery \(escape(delivered)))</span></dd></div>"
    ]
  }
}
