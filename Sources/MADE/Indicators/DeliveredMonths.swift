/// The months a feed has been delivered for: the months its indicators may publish.
///
/// A month counts when a loaded delivery vouches for it:
/// - the delivery holds a real share of its records in it: at least `minimumShare` of the
///   records of that delivery's fullest month;
/// - and the feed holds a real month's worth of records in it: at least `minimumShare` of its
///   typical month — the month size half its records lie in months of at least (a median
///   weighted by records, so a hundred one-record strays cannot make a month of one record
///   typical). A three-row file dated next summer is not a month of a feed that delivers two
///   thousand records a month;
/// - a month the feed's schema lists in `closedMonths` (school holidays: August) counts when
///   the delivered months on both sides of it do; for a termly feed (`academicTerm`, records
///   placed in the month their term starts) every month but September, January and April is
///   closed, so the months between two delivered terms count, and those after the last
///   delivered term wait for the next.
///
/// A monthly file with a stray record from another year, or a backlog with one mistyped date,
/// does not make that month (or the years between) look delivered: before, a feed counted as
/// delivered for every month between its earliest and latest record, and packs published
/// zeros for months nobody sent. A period is published only when every one of its months
/// counts. A month inside a backlog with (almost) no records is not vouched for either: MADE
/// cannot tell "nothing happened" from "not sent", and says nothing rather than zero.
enum DeliveredMonths {
  /// One fifth: the quietest month of a seasonal backlog still counts (police, A&E and youth
  /// justice months vary by well under half), a stray record or a few late ones do not.
  static let minimumShare = 0.2

  /// The months covered, from each delivery's records by month; `feed` (when known) gives
  /// the termly and closed-month rules.
  static func covered(by deliveries: [Warehouse.FileMonth], feed: FeedSpec?) -> Set<String> {
    var byFile: [Int64: [(month: Month, records: Int)]] = [:]
    for row in deliveries {
      guard let month = Month(row.month) else { continue }
      byFile[row.fileID, default: []].append((month, row.records))
    }
    var totals: [Month: Int] = [:]
    for months in byFile.values {
      for (month, records) in months { totals[month, default: 0] += records }
    }
    var typical = 0
    var running = 0
    let all = totals.values.reduce(0, +)
    for total in totals.values.sorted() {
      running += total
      if running * 2 >= all {
        typical = total
        break
      }
    }
    var covered = Set<Month>()
    for months in byFile.values {
      let fullest = months.map(\.records).max() ?? 0
      for (month, records) in months
      where Double(records) >= minimumShare * Double(fullest)
        && Double(totals[month] ?? 0) >= minimumShare * Double(typical)
      {
        covered.insert(month)
      }
    }
    let closed = Set(feed?.closedMonths ?? []).union(
      feed?.academicTerm == nil ? [] : [2, 3, 5, 6, 7, 8, 10, 11, 12])
    if !closed.isEmpty {
      // A run of closed months between two covered months is covered.
      for month in covered.sorted() {
        var next = month.adding(1)
        while closed.contains(next.month), !covered.contains(next) { next = next.adding(1) }
        guard next != month.adding(1), covered.contains(next) else { continue }
        for index in (month.index + 1)..<next.index { covered.insert(Month(index: index)) }
      }
    }
    return Set(covered.map(\.text))
  }
}
