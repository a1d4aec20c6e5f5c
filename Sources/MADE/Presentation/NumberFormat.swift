import Foundation

/// Numbers as MADE's pages write them (the pack report and the data dictionary): rounded half
/// away from zero and grouped by thousands with commas whatever the locale, so that the same
/// value gives the same bytes on every machine.
enum NumberFormat {
  /// An indicator value: one decimal place, or two significant figures below 1 ("0.042").
  static func value(_ value: Double) -> String {
    let magnitude = abs(value)
    guard magnitude > 0, magnitude < 1 else { return decimal(value, places: 1) }
    let places = min(6, 1 - Int(log10(magnitude).rounded(.down)))
    let scale = (0..<places).reduce(1.0) { result, _ in result * 10 }
    // 0.996 rounds up to 1: write it as a value from 1 is written.
    if (magnitude * scale).rounded(.toNearestOrAwayFromZero) >= scale {
      return decimal(value, places: 1)
    }
    return decimal(value, places: places)
  }

  /// `value` rounded half away from zero to `places` decimals, grouped by thousands with
  /// commas ("1,234.5"), whatever the locale.
  static func decimal(_ value: Double, places: Int, grouping: Bool = true) -> String {
    guard value.isFinite else { return "–" }
    let scale = (0..<places).reduce(Int64(1)) { result, _ in result * 10 }
    let scaled = (abs(value) * Double(scale)).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9e15 else { return "\(value)" }
    let units = Int64(scaled)
    var whole = String(units / scale)
    if grouping {
      var grouped = ""
      while whole.count > 3 {
        grouped = "," + whole.suffix(3) + grouped
        whole.removeLast(3)
      }
      whole += grouped
    }
    var text = (value < 0 && units != 0 ? "-" : "") + whole
    if places > 0 {
      let fraction = String(units % scale)
      text += "." + String(repeating: "0", count: places - fraction.count) + fraction
    }
    return text
  }

  /// A multiplier as words quote it: 1000 as "1,000"; a number with a fraction as it is.
  static func grouped(_ number: Double) -> String {
    guard number == number.rounded(), abs(number) < 1e15 else { return String(number) }
    return decimal(number, places: 0)
  }
}
