import Foundation

/// The window a delivered date must fall in to be believed: not before `earliest`, not after
/// the delivery date plus `daysAfterDelivery`.
///
/// A feed states it once (`"plausibleDates"` beside `periodField`); a field may widen or narrow
/// it (`"plausibleDates"` on the field: police-crimes accepts offences committed long before
/// they were recorded). Dates of birth are not checked here: they become an age, checked
/// against the event date instead. Without the window, one row dated 1800 or 2052 made a feed
/// look delivered for every month in between, and packs published zeros for them.
public struct PlausibleDates: Decodable, Sendable, Equatable {
  /// The earliest date believed, ISO `YYYY-MM-DD`.
  public var earliest: String?
  /// Days after the delivery date still believed (clocks and time zones differ; a file
  /// exported just before midnight arrives the next day).
  public var daysAfterDelivery: Int?

  public init(earliest: String? = nil, daysAfterDelivery: Int? = nil) {
    self.earliest = earliest
    self.daysAfterDelivery = daysAfterDelivery
  }

  /// What applies when a schema says nothing.
  public static let standard = PlausibleDates(earliest: "2000-01-01", daysAfterDelivery: 2)

  /// The most days after delivery a schema may allow: a date further ahead is not a delivery
  /// of what happened.
  static let maximumDaysAfterDelivery = 366

  /// This window with anything it leaves unset taken from `outer`.
  func over(_ outer: PlausibleDates) -> PlausibleDates {
    PlausibleDates(
      earliest: earliest ?? outer.earliest,
      daysAfterDelivery: daysAfterDelivery ?? outer.daysAfterDelivery)
  }

  /// Checks the values a schema gave; `owner` names the feed or field in the message.
  func check(_ owner: String) throws {
    if let earliest {
      let parts = earliest.split(separator: "-", omittingEmptySubsequences: false)
      guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
        let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
        year >= 1800, (1...12).contains(month), (1...31).contains(day)
      else {
        throw ConfigurationError(
          "\(owner): plausibleDates.earliest '\(earliest)' is not a date written YYYY-MM-DD "
            + "(from 1800 on), e.g. \"2000-01-01\"")
      }
    }
    if let days = daysAfterDelivery, !(0...Self.maximumDaysAfterDelivery).contains(days) {
      throw ConfigurationError(
        "\(owner): plausibleDates.daysAfterDelivery is \(days); it must be 0 to "
          + "\(Self.maximumDaysAfterDelivery)")
    }
  }

  /// The window as ISO bytes for a delivery on `delivered` (UTC): the first and last dates
  /// believed.
  func bounds(deliveredAt delivered: Date) -> (earliest: [UInt8], latest: [UInt8]) {
    let resolved = over(.standard)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let last =
      calendar.date(byAdding: .day, value: resolved.daysAfterDelivery ?? 0, to: delivered)
      ?? delivered
    let parts = calendar.dateComponents([.year, .month, .day], from: last)
    let latest = String(
      format: "%04d-%02d-%02d", parts.year ?? 9999, parts.month ?? 12, parts.day ?? 31)
    return (Array((resolved.earliest ?? "0000-01-01").utf8), Array(latest.utf8))
  }
}
