extension Verification {
  /// Every published period is made of months its feed was delivered for
  /// (`DeliveredMonths`): a value for a month nobody delivered would be a false zero. Months
  /// purged since count here (the values go at the next aggregation, which nightly runs
  /// straight after its purge).
  func periodsDelivered() throws -> Finding {
    let feedsByTable = FeedCatalog.byTable(feeds)
    var undelivered: [String] = []
    var checked = 0
    var deliveredByTable: [String: Set<String>] = [:]  // several indicators share a table
    for indicator in try IndicatorCatalog.builtIn().indicators {
      guard let table = indicator.numerator?.table else { continue }
      let delivered =
        try deliveredByTable[table]
        ?? DeliveredMonths.covered(
          by: try warehouse.deliveredMonths(table: table, includingPurged: true),
          feed: feedsByTable[table])
      deliveredByTable[table] = delivered
      for row in try warehouse.connection.rows(
        "SELECT DISTINCT period_type, period FROM indicator_values WHERE indicator_id = ?",
        [.text(indicator.id)])
      {
        checked += 1
        let type = try row.value("period_type", as: PeriodType.self)
        let label = try row.text("period")
        guard let period = Period(type: type, label: label),
          period.months.allSatisfy({ delivered.contains($0.text) })
        else {
          undelivered.append("\(indicator.id) \(type.rawValue) \(label)")
          continue
        }
      }
    }
    return Finding(
      check: "periods delivered", passed: undelivered.isEmpty,
      detail: undelivered.isEmpty
        ? "\(checked) published periods, each made of delivered months"
        : "\(undelivered.count) published periods include a month no file delivered, e.g. "
          + undelivered.prefix(3).joined(separator: "; ")
          + " (run made aggregate; if it stays, report it)")
  }
}
