extension PackReport.Report {
  /// The trends section: a line chart of each indicator with values for the area in two or
  /// more periods.
  func trends() -> [String] {
    var figures: [String] = []
    var number = 0
    for indicator in pack.indicators {
      let rows = history(indicator.id, pack.area)
      guard rows.filter({ $0.value.number != nil }).count >= 2 else { continue }
      number += 1
      figures += trendChart(indicator, rows: rows, figure: number)
    }
    var lines = [
      "<section class=\"trends\">",
      "<h2>Trends</h2>",
    ]
    guard !figures.isEmpty else {
      return lines + [
        "<p>No indicator has values for \(area) in two or more "
          + "\(escape(periodPlural(pack.periodType))) yet.</p>", "</section>",
      ]
    }
    lines += [
      "<p>\(area) by \(escape(singularPeriod(pack.periodType))), up to "
        + "\(escape(pack.period)), for each indicator with values in two or more "
        + "\(escape(periodPlural(pack.periodType))).</p>",
      "<ul class=\"legend keys\" aria-label=\"Key to the trend charts\">",
      "<li><span class=\"key key-area\"></span> \(area)</li>",
      "<li><span class=\"key key-band\"></span> 95% interval</li>",
      isCountyPack ? "" : "<li><span class=\"key key-county\"></span> \(county)</li>",
      "<li><abbr class=\"c\" title=\"\(suppressedTitle)\">c</abbr> suppressed: no point is "
        + "drawn</li>",
      "</ul>",
    ].filter { !$0.isEmpty }
    lines += figures
    lines.append("</section>")
    return lines
  }

  /// One indicator's line over the periods, with its 95% band and the county's line.
  func trendChart(_ indicator: IndicatorDefinition, rows: [Pack.Row], figure: Int) -> [String] {
    let width = 640.0
    let height = 230.0
    let left = 60.0
    let right = width - 16
    let top = 14.0
    let bottom = height - 38
    let inset = 14.0
    let periods = rows.map(\.period)
    let countyCells = periods.map { countyRow(indicator, period: $0)?.value }
    let maximum =
      (rows.flatMap { [$0.value.number, $0.upper95.number] } + countyCells.map { $0?.number })
      .compactMap { $0 }.max() ?? 0
    let axis = SVGChart.Axis(maximum: maximum, indicator: indicator)
    func x(_ index: Int) -> Double {
      left + inset + Double(index) * (right - left - 2 * inset)
        / Double(max(periods.count - 1, 1))
    }
    func y(_ value: Double) -> Double { bottom - value / axis.top * (bottom - top) }
    func point(_ index: Int, _ value: Double) -> String { SVGChart.point(x(index), y(value)) }

    var shapes: [String] = []
    for tick in axis.ticks {
      shapes.append(SVGChart.line("grid", x1: left, x2: right, y1: y(tick), y2: y(tick)))
      shapes.append(
        SVGChart.text(
          NumberFormat.decimal(tick, places: axis.places), cssClass: "tick", x: left - 6,
          y: y(tick) + 4, anchor: "end"))
    }
    // The 95% band, in runs of periods where both limits are published.
    for run in SVGChart.runs(
      rows.indices, where: { rows[$0].lower95.number != nil && rows[$0].upper95.number != nil })
    {
      let upper = run.map { point($0, rows[$0].upper95.number!) }
      let lower = run.reversed().map { point($0, rows[$0].lower95.number!) }
      shapes.append(
        run.count == 1
          ? SVGChart.polyline("band-bar", points: upper + lower)
          : SVGChart.polygon("band", points: upper + lower))
    }
    shapes += dottedLine(
      "county", values: countyCells.map { $0?.number }, radius: 2.5, x: x, y: y)
    shapes += dottedLine("area", values: rows.map(\.value.number), radius: 3.5, x: x, y: y)
    for (index, row) in rows.enumerated() where row.value == .suppressed {
      shapes.append(
        SVGChart.text("c", cssClass: "supp", x: x(index), y: bottom - 6, anchor: "middle"))
    }
    shapes.append(SVGChart.line("axis", x1: left, x2: right, y1: bottom, y2: bottom))
    let stride = (periods.count + 7) / 8
    for (index, period) in periods.enumerated() where (periods.count - 1 - index) % stride == 0 {
      shapes.append(
        SVGChart.text(
          escape(period), cssClass: "tick", x: x(index), y: bottom + 18, anchor: "middle"))
    }

    let chart = SVGChart(
      cssClass: "trend", id: "trend-\(figure)", width: width, height: height,
      title: "\(indicator.title): \(pack.area.geoName), \(periods.first!) to \(periods.last!)",
      description: trendDescription(indicator, rows: rows, countyCells: countyCells),
      shapes: shapes)
    return chart.figure(
      caption: "\(escape(indicator.title)) <span class=\"unit\">"
        + "\(escape(IndicatorUnit(indicator).measure))</span>")
  }

  /// A line through each run of values (`area-line`, `county-line`), and a dot on each value.
  private func dottedLine(
    _ name: String, values: [Double?], radius: Double, x: (Int) -> Double,
    y: (Double) -> Double
  ) -> [String] {
    var shapes: [String] = []
    for run in SVGChart.runs(values.indices, where: { values[$0] != nil }) {
      if run.count > 1 {
        let points = run.map { SVGChart.point(x($0), y(values[$0]!)) }
        shapes.append(SVGChart.polyline("\(name)-line", points: points))
      }
      for index in run {
        shapes.append(
          SVGChart.circle("\(name)-dot", x: x(index), y: y(values[index]!), radius: radius))
      }
    }
    return shapes
  }

  /// Every value the chart draws, in words: the area's with their intervals, then the county's.
  private func trendDescription(
    _ indicator: IndicatorDefinition, rows: [Pack.Row], countyCells: [Pack.Cell?]
  ) -> String {
    let values: [String] = rows.map { row in
      var text = "\(row.period) " + plain(row.value, indicator)
      if let lower = row.lower95.number, let upper = row.upper95.number {
        text += " (95% interval \(number(lower, indicator)) to \(number(upper, indicator)))"
      }
      return text
    }
    var description =
      "\(pack.area.geoName), \(IndicatorUnit(indicator).measure), by "
      + "\(singularPeriod(pack.periodType)): \(values.joined(separator: "; "))."
    let countyValues: [String] = zip(rows.map(\.period), countyCells).compactMap {
      period, cell in
      guard let cell else { return nil }
      return "\(period) " + plain(cell, indicator)
    }
    if !countyValues.isEmpty {
      description += " \(pack.county.geoName): \(countyValues.joined(separator: "; "))."
    }
    return description
  }
}
