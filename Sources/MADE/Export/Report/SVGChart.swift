import Foundation

/// One chart of the pack report: a figure with its caption and an `<svg>` that a screen
/// reader announces by its title and description, drawn from the shapes the report adds with
/// the element builders below. Coordinates have one decimal place and no grouping, so the same
/// pack draws the same bytes.
struct SVGChart {
  /// The `<svg>`'s CSS class (`trend`, `ranked`).
  var cssClass: String
  /// Unique in the page (`trend-1`): the title's and description's ids start with it.
  var id: String
  var width, height: Double
  /// Plain text: what the chart shows (`title`), and every value it draws for readers who
  /// cannot see it (`description`).
  var title, description: String
  /// SVG elements, in drawing order (later ones over earlier ones).
  var shapes: [String]

  /// The figure; `caption` is HTML.
  func figure(caption: String) -> [String] {
    let (width, height) = (Self.coordinate(width), Self.coordinate(height))
    return [
      "<figure class=\"chart\">",
      "<figcaption>\(caption)</figcaption>",
      "<svg class=\"\(cssClass)\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" "
        + "height=\"\(height)\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\">",
      "<title id=\"\(id)-title\">\(HTMLText.escape(title))</title>",
      "<desc id=\"\(id)-desc\">\(HTMLText.escape(description))</desc>",
    ] + shapes + ["</svg>", "</figure>"]
  }
}

// MARK: - Elements

extension SVGChart {
  /// A coordinate in an SVG: one decimal place, no grouping.
  static func coordinate(_ value: Double) -> String {
    NumberFormat.decimal(value, places: 1, grouping: false)
  }

  /// "x,y", for `points`.
  static func point(_ x: Double, _ y: Double) -> String { "\(coordinate(x)),\(coordinate(y))" }

  static func line(_ cssClass: String, x1: Double, x2: Double, y1: Double, y2: Double) -> String {
    "<line class=\"\(cssClass)\" x1=\"\(coordinate(x1))\" x2=\"\(coordinate(x2))\" "
      + "y1=\"\(coordinate(y1))\" y2=\"\(coordinate(y2))\"/>"
  }

  /// Text at `x`, `y`; `content` is SVG text (escaped, or a `<tspan>`).
  static func text(
    _ content: String, cssClass: String? = nil, x: Double, y: Double, anchor: String? = nil
  ) -> String {
    let cssClass = cssClass.map { " class=\"\($0)\"" } ?? ""
    let anchor = anchor.map { " text-anchor=\"\($0)\"" } ?? ""
    return
      "<text\(cssClass) x=\"\(coordinate(x))\" y=\"\(coordinate(y))\"\(anchor)>\(content)</text>"
  }

  static func circle(_ cssClass: String, x: Double, y: Double, radius: Double) -> String {
    "<circle class=\"\(cssClass)\" cx=\"\(coordinate(x))\" cy=\"\(coordinate(y))\" "
      + "r=\"\(coordinate(radius))\"/>"
  }

  /// `points` from `point(_:_:)`.
  static func polyline(_ cssClass: String, points: [String]) -> String {
    "<polyline class=\"\(cssClass)\" points=\"\(points.joined(separator: " "))\"/>"
  }

  static func polygon(_ cssClass: String, points: [String]) -> String {
    "<polygon class=\"\(cssClass)\" points=\"\(points.joined(separator: " "))\"/>"
  }

  static func rect(
    _ cssClass: String, x: Double, y: Double, width: Double, height: Double
  ) -> String {
    "<rect class=\"\(cssClass)\" x=\"\(coordinate(x))\" y=\"\(coordinate(y))\" "
      + "width=\"\(coordinate(width))\" height=\"\(coordinate(height))\"/>"
  }

  /// Consecutive runs of the indices that pass a test: a line is drawn through a run, and
  /// broken where a value is missing or suppressed.
  static func runs(_ indices: Range<Int>, where include: (Int) -> Bool) -> [[Int]] {
    var runs: [[Int]] = []
    var current: [Int] = []
    for index in indices {
      if include(index) {
        current.append(index)
      } else if !current.isEmpty {
        runs.append(current)
        current = []
      }
    }
    if !current.isEmpty { runs.append(current) }
    return runs
  }
}

// MARK: - Axis

extension SVGChart {
  /// A value axis from 0 to a round number at or above the largest value, in about four
  /// steps of 1, 2, 2.5 or 5 × a power of ten. The hotspot's axis is always 0 to 4.
  struct Axis {
    var top: Double
    var step: Double
    var places: Int

    init(maximum: Double, indicator: IndicatorDefinition) {
      if indicator.method == .count {
        let partners = Double(IndicatorDefinition.hotspotPartnerTypes.count)
        (top, step, places) = (max(partners, maximum.rounded(.up)), 1, 0)
        return
      }
      guard maximum > 0, maximum.isFinite else {
        (top, step, places) = (1, 0.5, 1)
        return
      }
      let rough = maximum / 4
      let exponent = Int(log10(rough).rounded(.down))
      let power = (0..<abs(exponent)).reduce(1.0) { result, _ in result * 10 }
      let base = exponent < 0 ? 1 / power : power
      let fraction = rough / base
      let nice: Double
      var places = max(0, -exponent)
      switch fraction {
      case ...1: nice = 1
      case ...2: nice = 2
      case ...2.5:
        nice = 2.5
        places = max(0, 1 - exponent)
      case ...5: nice = 5
      default:
        nice = 10
        places = max(0, -exponent - 1)
      }
      step = nice * base
      top = step * (maximum / step - 1e-9).rounded(.up)
      self.places = places
    }

    var ticks: [Double] {
      let count = Int((top / step).rounded())
      return (0...count).map { Double($0) * step }
    }
  }
}
