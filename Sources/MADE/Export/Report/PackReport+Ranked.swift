extension PackReport.Report {
  /// The indicators the children are ranked on: the main ones with values for the pack's
  /// children in its period, or, when none of them has, every other indicator that has.
  var rankedIndicators: [IndicatorDefinition] {
    let withChildValues = Set(
      pack.rows.filter { $0.period == pack.period && $0.area.geoType == childrenType }
        .map(\.indicatorID))
    let present = pack.indicators.filter { withChildValues.contains($0.id) }
    let main = PackReport.rankedIndicatorIDs.compactMap { id in present.first { $0.id == id } }
    return main.isEmpty ? present.filter { $0.method != .count } : main
  }

  /// The children compared: a ranked bar chart of each of `rankedIndicators`.
  func ranked() -> [String] {
    guard let childrenType else {
      return [
        "<section class=\"ranked\">",
        "<h2>Areas compared</h2>",
        "<p>This pack lists no wards or districts of \(area).</p>",
        "</section>",
      ]
    }
    let childrenName = capitalised(plural(childrenType))
    var lines = [
      "<section class=\"ranked\">",
      "<h2>\(escape(childrenName)) compared</h2>",
      "<p>The \(escape(plural(childrenType))) of \(area) in \(escape(pack.period)), highest "
        + "first. Each bar is coloured by its comparison with \(county) and labelled with the "
        + "same words; the dashed line is \(county)’s value. Suppressed "
        + "\(escape(plural(childrenType))) are listed with a <abbr class=\"c\" title=\""
        + "\(suppressedTitle)\">c</abbr> and no bar.</p>",
    ]
    var number = 0
    for indicator in rankedIndicators {
      let cells = pack.children.map { child in
        (child, row(indicator.id, child, period: pack.period))
      }
      guard cells.contains(where: { $0.1 != nil }) else { continue }
      number += 1
      lines += barChart(indicator, cells: cells, childrenType: childrenType, figure: number)
    }
    if number == 0 {
      lines.append(
        "<p>No \(escape(plural(childrenType))) have values for \(escape(pack.period)).</p>")
    }
    lines.append("</section>")
    return lines
  }

  /// One indicator's bar for each child, highest first, coloured by its comparison with the
  /// county, with the county's value as a dashed line.
  func barChart(
    _ indicator: IndicatorDefinition, cells: [(Pack.Area, Pack.Row?)], childrenType: GeoType,
    figure: Int
  ) -> [String] {
    func byName(_ a: (Pack.Area, Pack.Row?), _ b: (Pack.Area, Pack.Row?)) -> Bool {
      (a.0.geoName, a.0.geoCode) < (b.0.geoName, b.0.geoCode)
    }
    let numbered = cells.filter { $0.1?.value.number != nil }.sorted { a, b in
      let (first, second) = (a.1!.value.number!, b.1!.value.number!)
      return first != second ? first > second : byName(a, b)
    }
    let suppressed = cells.filter { $0.1?.value == .suppressed }.sorted(by: byName)
    let missing = cells.filter { $0.1 == nil || $0.1?.value == .missing }.sorted(by: byName)
    let ordered = numbered + suppressed + missing
    let countyValue = countyRow(indicator, period: pack.period)?.value.number

    let names = ordered.map { shortened($0.0.geoName) }
    let labelWidth = min(240, max(90, Double(names.map(\.count).max() ?? 0) * 6.6 + 10))
    let width = 640.0
    let barLeft = labelWidth
    let barRight = width - 150
    let rowHeight = 22.0
    let top = 30.0
    let height = top + rowHeight * Double(ordered.count) + 8
    let maximum = (numbered.map { $0.1!.value.number! } + [countyValue ?? 0]).max() ?? 0
    let axis = SVGChart.Axis(maximum: maximum, indicator: indicator)
    func x(_ value: Double) -> Double { barLeft + value / axis.top * (barRight - barLeft) }

    // Bars first, then the county's line over them, then the words over both.
    var bars: [String] = []
    var labels: [String] = []
    for (index, (_, row)) in ordered.enumerated() {
      let rowTop = top + rowHeight * Double(index)
      let middle = rowTop + rowHeight / 2 + 4
      labels.append(SVGChart.text(escape(names[index]), x: barLeft - 8, y: middle, anchor: "end"))
      switch row?.value {
      case .number(let value):
        let verdict = Verdict(row!.comparison)
        let end = x(value)
        bars.append(
          SVGChart.rect(
            "bar \(verdict.cssClass)", x: barLeft, y: rowTop + 4, width: end - barLeft,
            height: rowHeight - 8))
        labels.append(
          SVGChart.text(
            "\(number(value, indicator)) <tspan class=\"verdict\">\(verdict.label)</tspan>",
            cssClass: "value", x: end + 5, y: middle))
      case .suppressed:
        labels.append(SVGChart.text("c", cssClass: "supp", x: barLeft + 5, y: middle))
      default:
        labels.append(SVGChart.text("no value", cssClass: "none", x: barLeft + 5, y: middle))
      }
    }
    var shapes = bars
    shapes.append(SVGChart.line("axis", x1: barLeft, x2: barLeft, y1: top, y2: height - 8))
    if let countyValue {
      let position = x(countyValue)
      let anchor = position > barRight - 40 ? "end" : position < barLeft + 40 ? "start" : "middle"
      shapes.append(
        SVGChart.line("county-line", x1: position, x2: position, y1: top - 6, y2: height - 8))
      shapes.append(
        SVGChart.text(
          "\(escape(pack.county.geoName)) \(number(countyValue, indicator))",
          cssClass: "county-label", x: position, y: top - 12, anchor: anchor))
    }
    shapes += labels

    let childrenName = plural(childrenType)
    let measure = IndicatorUnit(indicator).measure
    let values: [String] = ordered.map { child, row in
      let cell = row?.value ?? .missing
      var text = "\(child.geoName): " + plain(cell, indicator)
      if let row, cell.number != nil {
        text += " (\(Verdict(row.comparison).label.lowercased()))"
      }
      return text
    }
    var description =
      "\(capitalised(childrenName)) by \(measure), highest first: "
      + "\(values.joined(separator: "; "))."
    if let countyValue {
      description += " \(pack.county.geoName): \(number(countyValue, indicator))."
    }
    let chart = SVGChart(
      cssClass: "ranked", id: "ranked-\(figure)", width: width, height: height,
      title: "\(indicator.title): \(pack.area.geoName)’s \(childrenName) ranked, \(pack.period)",
      description: description, shapes: shapes)
    return chart.figure(
      caption: "\(escape(indicator.title)) by \(escape(singular(childrenType))), "
        + "\(escape(pack.period)) <span class=\"unit\">\(escape(measure))</span>")
  }
}
