extension PackReport {
  /// The pack and its rows of the pack's period type, looked up by indicator, area and period.
  /// Each section of the page is a method of this, in a file of its own.
  struct Report {
    /// A row's place: its indicator, its area (level and code) and its period.
    struct Key: Hashable {
      var indicatorID, geoCode, period: String
      var geoType: GeoType
    }

    let pack: Pack
    private var rowsByKey: [Key: Pack.Row] = [:]

    init(pack: Pack) {
      self.pack = pack
      for row in pack.rows where row.periodType == pack.periodType {
        let key = Key(
          indicatorID: row.indicatorID, geoCode: row.area.geoCode, period: row.period,
          geoType: row.area.geoType)
        if rowsByKey[key] == nil { rowsByKey[key] = row }
      }
    }

    var title: String { "\(pack.area.geoName): violence indicators, \(pack.period)" }
    var isCountyPack: Bool { pack.area == pack.county }
    var county: String { escape(pack.county.geoName) }
    var area: String { escape(pack.area.geoName) }
    var childrenType: GeoType? { pack.children.first?.geoType }

    func row(_ indicatorID: String, _ area: Pack.Area, period: String) -> Pack.Row? {
      rowsByKey[
        Key(
          indicatorID: indicatorID, geoCode: area.geoCode, period: period, geoType: area.geoType)]
    }

    /// An area's rows for an indicator up to the pack's period, oldest first.
    func history(_ indicatorID: String, _ area: Pack.Area) -> [Pack.Row] {
      pack.rows.filter {
        $0.indicatorID == indicatorID && $0.periodType == pack.periodType
          && $0.area.geoType == area.geoType && $0.area.geoCode == area.geoCode
          && $0.period <= pack.period
      }
      .reduce(into: [Pack.Row]()) { kept, row in
        if !kept.contains(where: { $0.period == row.period }) { kept.append(row) }
      }
      .sorted { $0.period < $1.period }
    }

    /// The county's value beside an area's, unless the area is the county or the indicator
    /// has no county level.
    func countyRow(_ indicator: IndicatorDefinition, period: String) -> Pack.Row? {
      guard !isCountyPack, indicator.method != .count else { return nil }
      return row(indicator.id, pack.county, period: period)
    }
  }
}

// MARK: - Cells

extension PackReport.Report {
  /// A cell as HTML: its number formatted, `c` or a dash.
  func shown(_ cell: Pack.Cell, _ format: (Double) -> String) -> String {
    switch cell {
    case .number(let value): return format(value)
    case .suppressed: return "<abbr class=\"c\" title=\"\(suppressedTitle)\">c</abbr>"
    case .missing: return "<span class=\"none\" title=\"no value\">–</span>"
    }
  }

  /// A cell as plain text, for a chart's description.
  func plain(_ cell: Pack.Cell, _ indicator: IndicatorDefinition) -> String {
    switch cell {
    case .number(let value): return number(value, indicator)
    case .suppressed: return "\(Pack.Cell.symbol) (suppressed)"
    case .missing: return "no value"
    }
  }

  /// The 95% interval, "10.9 to 19.7", when both limits are published.
  func interval(_ row: Pack.Row, _ indicator: IndicatorDefinition) -> String {
    if let lower = row.lower95.number, let upper = row.upper95.number {
      return "\(number(lower, indicator)) to \(number(upper, indicator))"
    }
    let suppressed = row.lower95 == .suppressed || row.upper95 == .suppressed
    return shown(suppressed ? .suppressed : .missing) { _ in "" }
  }

  /// A value as the report writes it: a whole number for the hotspot count, else
  /// `NumberFormat.value`.
  func number(_ value: Double, _ indicator: IndicatorDefinition) -> String {
    indicator.method == .count
      ? NumberFormat.decimal(value, places: 0) : NumberFormat.value(value)
  }

  /// A value and its short unit: "12.3 per 1,000", "45.6%".
  func withUnit(_ value: Double, _ indicator: IndicatorDefinition) -> String {
    let text = number(value, indicator)
    let unit = IndicatorUnit(indicator)
    if unit.kind == .percentage { return text + "%" }
    return "\(text) <span class=\"unit\">\(escape(unit.short))</span>"
  }
}
