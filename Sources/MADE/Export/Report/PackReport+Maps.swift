extension PackReport.Report {
  /// How one child is drawn on a map: its fill, the words of its tooltip and an optional
  /// label over it (`c` for a withheld value, the partner count on the hotspot map).
  struct MapStyle {
    var cssClass: String
    var title: String
    var label: String?
  }

  /// The children's maps, one per ranked indicator (coloured by comparison, by quintile or
  /// both, as `[export] maps` says), after the shared definitions and legend.
  func maps() -> [String] {
    guard let map = pack.map, let childrenType else { return [] }
    let drawing = MapDrawing(map: map)
    let children = plural(childrenType)
    var lines = [
      "<section class=\"maps\">",
      "<h2>\(escape(capitalised(children))) on the map</h2>",
      "<p>The \(escape(children)) of \(area) in \(escape(pack.period)). "
        + {
          switch map.colouring {
          case .quintiles:
            return "Each is shaded by the fifth of the \(escape(children)) its value falls in."
          case .comparison:
            return "Each is coloured and patterned by its comparison with \(county)."
          case .both:
            return "On the left each is coloured and patterned by its comparison with "
              + "\(county); on the right, shaded by the fifth of the \(escape(children)) its "
              + "value falls in."
          }
        }()
        + " Hover over one for its value and interval. A withheld value is cross-hatched and "
        + "marked <abbr class=\"c\" title=\"\(suppressedTitle)\">c</abbr>; grey areas are "
        + "outside \(area), drawn for context.</p>",
    ]
    lines += drawing.definitions()
    if map.colouring != .quintiles { lines += comparisonLegend() }
    lines.append("<div class=\"map-grid\">")
    var figure = 0
    for indicator in rankedIndicators {
      // An indicator none of whose children is compared (harm has no interval) is shown in
      // fifths: an all-white map would say nothing.
      let compared = map.colouring != .quintiles && isComparedOnTheMap(indicator)
      if compared {
        figure += 1
        lines += comparisonMap(indicator, drawing: drawing, figure: figure)
      }
      if map.colouring != .comparison || !compared {
        figure += 1
        lines += quintileMap(indicator, drawing: drawing, figure: figure)
      }
    }
    lines.append("</div>")
    lines += missingBoundaries(map)
    lines.append("</section>")
    return lines
  }

  /// Whether any child on the map has a comparison with the county for `indicator`.
  func isComparedOnTheMap(_ indicator: IndicatorDefinition) -> Bool {
    pack.children.contains { child in
      guard let row = row(indicator.id, child, period: pack.period) else { return false }
      return Verdict(row.comparison) != .notCompared
    }
  }

  /// The note under a map naming the children it cannot draw.
  func missingBoundaries(_ map: PackMap) -> [String] {
    guard !map.missing.isEmpty, let childrenType else { return [] }
    let names = map.missing.map(\.geoName).sorted()
    let what = map.missing.count == 1 ? singular(childrenType) : plural(childrenType)
    return [
      "<p class=\"map-missing\">Not drawn: no boundary is loaded for \(map.missing.count) "
        + "\(escape(what)) (\(escape(names.joined(separator: ", ")))); their values are in "
        + "the tables.</p>"
    ]
  }

  /// A swatch for a legend: a small square filled as the map fills `cssClass`.
  func swatch(_ cssClass: String) -> String {
    "<svg class=\"swatch\" viewBox=\"0 0 32 32\" width=\"14\" height=\"14\" aria-hidden=\"true\">"
      + "<rect class=\"\(cssClass)\" width=\"32\" height=\"32\"/></svg>"
  }

  func comparisonLegend() -> [String] {
    [
      "<ul class=\"map-legend\">",
      "<li>\(swatch("m-better")) Better than \(county)</li>",
      "<li>\(swatch("m-similar")) Similar</li>",
      "<li>\(swatch("m-worse")) Worse than \(county)</li>",
      "<li>\(swatch("m-higher")) Higher than \(county)</li>",
      "<li>\(swatch("m-lower")) Lower than \(county) (higher or lower: neither better nor worse)</li>",
      "<li>\(swatch("m-none")) Not compared or no value</li>",
      "<li>\(swatch("m-withheld")) <abbr class=\"c\" title=\"\(suppressedTitle)\">c</abbr> "
        + "Withheld</li>",
      "</ul>",
    ]
  }

  /// One indicator's map coloured by each child's comparison with the county.
  func comparisonMap(_ indicator: IndicatorDefinition, drawing: MapDrawing, figure: Int)
    -> [String]
  {
    let styles = Dictionary(
      uniqueKeysWithValues: drawing.map.children.map { outline in
        let child = drawing.map.child(outline, of: pack)
        let row = self.row(indicator.id, child, period: pack.period)
        return (outline.code, comparisonStyle(child, row, indicator))
      })
    return mapFigure(
      drawing, styles: styles, id: "map-\(figure)",
      title: "\(indicator.title) by \(singular(childrenType!)), compared with "
        + "\(pack.county.geoName), \(pack.period)",
      caption: "\(escape(indicator.title)): compared with \(county)", indicator: indicator,
      colouring: "comparison")
  }

  func comparisonStyle(_ child: Pack.Area, _ row: Pack.Row?, _ indicator: IndicatorDefinition)
    -> MapStyle
  {
    guard let row, row.value != .missing else {
      return MapStyle(cssClass: "m-none", title: "\(child.geoName): no value")
    }
    guard let value = row.value.number else { return withheldStyle(child) }
    let verdict = Verdict(row.comparison)
    let cssClass: String
    switch verdict {
    case .better: cssClass = "m-better"
    case .worse: cssClass = "m-worse"
    case .similar: cssClass = "m-similar"
    case .higher: cssClass = "m-higher"
    case .lower: cssClass = "m-lower"
    case .notCompared: cssClass = "m-none"
    }
    return MapStyle(
      cssClass: cssClass,
      title: "\(child.geoName): \(valueText(value, row, indicator)); "
        + "\(verdict.label.lowercased())")
  }

  /// A withheld child: cross-hatched, labelled `c`, and no number in its words.
  func withheldStyle(_ child: Pack.Area) -> MapStyle {
    MapStyle(
      cssClass: "m-withheld", title: "\(child.geoName): c, \(suppressedTitle)", label: "c")
  }

  /// "12.3 per 1,000 (95% interval 10.9 to 19.7)".
  func valueText(_ value: Double, _ row: Pack.Row, _ indicator: IndicatorDefinition) -> String {
    let unit = IndicatorUnit(indicator)
    var text = number(value, indicator) + (unit.kind == .percentage ? "%" : " \(unit.short)")
    if let lower = row.lower95.number, let upper = row.upper95.number {
      text += " (95% interval \(number(lower, indicator)) to \(number(upper, indicator)))"
    }
    return text
  }

  /// One indicator's map shaded by the fifth of the children each child's value falls in,
  /// among those published: a withheld value takes no fifth, so the breaks reveal nothing
  /// of it.
  func quintileMap(_ indicator: IndicatorDefinition, drawing: MapDrawing, figure: Int)
    -> [String]
  {
    let rows = drawing.map.children.map { outline in
      let child = drawing.map.child(outline, of: pack)
      return (outline.code, child, row(indicator.id, child, period: pack.period))
    }
    let values = rows.compactMap { $0.2?.value.number }.sorted()
    var styles: [String: MapStyle] = [:]
    var ranges: [ClosedRange<Double>?] = Array(repeating: nil, count: 5)
    for (code, child, row) in rows {
      guard let row, row.value != .missing else {
        styles[code] = MapStyle(cssClass: "m-none", title: "\(child.geoName): no value")
        continue
      }
      guard let value = row.value.number else {
        styles[code] = withheldStyle(child)
        continue
      }
      let fifth = Self.fifth(of: value, among: values)
      ranges[fifth] =
        ranges[fifth].map { min($0.lowerBound, value)...max($0.upperBound, value) }
        ?? value...value
      styles[code] = MapStyle(
        cssClass: "m-q\(fifth + 1)",
        title: "\(child.geoName): \(valueText(value, row, indicator)); "
          + "\(Self.fifthNames[fifth]) fifth")
    }
    var legend = ["<ul class=\"map-legend\">"]
    for (fifth, range) in ranges.enumerated() {
      guard let range else { continue }
      let (from, to) = (number(range.lowerBound, indicator), number(range.upperBound, indicator))
      legend.append(
        "<li>\(swatch("m-q\(fifth + 1)")) \(capitalised(Self.fifthNames[fifth])): "
          + (from == to ? from : "\(from) to \(to)") + "</li>")
    }
    legend.append("</ul>")
    return mapFigure(
      drawing, styles: styles, id: "map-\(figure)",
      title: "\(indicator.title) by \(singular(childrenType!)), in fifths, \(pack.period)",
      caption: "\(escape(indicator.title)): in fifths "
        + "<span class=\"unit\">\(escape(IndicatorUnit(indicator).measure))</span>",
      indicator: indicator, colouring: "quintiles", legend: legend)
  }

  static let fifthNames = ["lowest", "second", "middle", "fourth", "highest"]

  /// The fifth (0 to 4) a value falls in among `values` (sorted): its rank, counting the
  /// values equal to it, as a share of their number, so equal values share a fifth. With
  /// fewer than five values the ranks are spread from the lowest fifth to the highest.
  static func fifth(of value: Double, among values: [Double]) -> Int {
    let rank = values.filter { $0 <= value }.count
    guard values.count >= 5 else {
      return values.count == 1
        ? 2 : Int((4 * Double(rank - 1) / Double(values.count - 1)).rounded())
    }
    return min(4, max(0, (5 * rank + values.count - 1) / values.count - 1))
  }

  /// A map as a figure: the context outlines in grey, each child filled as `styles` says with
  /// its words as a tooltip, then the labels; the description lists every child's words.
  /// `indicator` and `colouring` are written on the figure (`data-`), for tests and readers'
  /// tools.
  func mapFigure(
    _ drawing: MapDrawing, styles: [String: MapStyle], id: String, title: String,
    caption: String, indicator: IndicatorDefinition, colouring: String, legend: [String] = []
  ) -> [String] {
    let (width, height) = (Int(drawing.width), Int(drawing.height))
    var lines = [
      "<figure class=\"map\" data-indicator=\"\(escape(indicator.id))\" "
        + "data-colouring=\"\(colouring)\">",
      "<figcaption>\(caption)</figcaption>",
      "<svg class=\"map\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" "
        + "aria-labelledby=\"\(id)-title \(id)-desc\">",
      "<title id=\"\(id)-title\">\(escape(title))</title>",
      "<desc id=\"\(id)-desc\">"
        + escape(drawing.map.children.map { styles[$0.code]!.title }.joined(separator: "; "))
        + ".</desc>",
    ]
    if !drawing.map.context.isEmpty {
      lines.append(
        "<g class=\"m-context\">"
          + drawing.map.context.map { "<use href=\"#\(MapDrawing.id($0.code))\"/>" }.joined()
          + "</g>")
    }
    for outline in drawing.map.children {
      let style = styles[outline.code]!
      lines.append(
        "<use href=\"#\(MapDrawing.id(outline.code))\" class=\"\(style.cssClass)\">"
          + "<title>\(escape(style.title))</title></use>")
    }
    for outline in drawing.map.children {
      guard let label = styles[outline.code]!.label else { continue }
      let point = drawing.labelPoint(outline.shape)
      lines.append(
        "<text class=\"m-label\" x=\"\(point.x)\" y=\"\(point.y)\" text-anchor=\"middle\" "
          + "dominant-baseline=\"central\">\(escape(label))</text>")
    }
    lines += ["</svg>"] + legend + ["</figure>"]
    return lines
  }

  /// The hotspot map: each child shaded by how many partner types it is worse on, the count
  /// written over it.
  func hotspotMap(_ indicator: IndicatorDefinition) -> [String] {
    guard let map = pack.map, let childrenType else { return [] }
    let drawing = MapDrawing(map: map)
    let partners = IndicatorDefinition.hotspotPartnerTypes.count
    var styles: [String: MapStyle] = [:]
    for outline in map.children {
      let child = drawing.map.child(outline, of: pack)
      let row = self.row(indicator.id, child, period: pack.period)
      switch row?.value {
      case .number(let value):
        let count = Int(value)
        styles[outline.code] = MapStyle(
          cssClass: "m-h\(min(count, 4))",
          title: "\(child.geoName): worse than \(pack.county.geoName) on the data of \(count) "
            + "of \(partners) partner types"
            + (count > 0 ? " (\(worsePartners(child).joined(separator: ", ")))" : ""),
          label: "\(count)")
      case .suppressed: styles[outline.code] = withheldStyle(child)
      default:
        styles[outline.code] = MapStyle(cssClass: "m-none", title: "\(child.geoName): no value")
      }
    }
    let legend =
      ["<ul class=\"map-legend\">"]
      + (0...min(4, partners)).map { count in
        "<li>\(swatch("m-h\(count)")) \(count == 4 && partners > 4 ? "4 or more" : "\(count)")</li>"
      } + ["</ul>"]
    return mapFigure(
      drawing, styles: styles, id: "map-hotspot",
      title: "Partner types worse than \(pack.county.geoName) by \(singular(childrenType)), "
        + "\(pack.period)",
      caption: "Partner types worse than \(county), by \(escape(singular(childrenType)))",
      indicator: indicator, colouring: "partner-types", legend: legend) + missingBoundaries(map)
  }
}
