import ArgumentParser
import Foundation
import MADE

struct Status: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show what is loaded, last deliveries, overdue feeds and quarantined files.",
    discussion: """
      A feed is overdue when it has delivered nothing (loaded or duplicate) for longer than \
      its [feeds.<name>] expect_every_days in made.toml.

      With --check, prints only the overdue feeds and exits 5 when there is any (0 when \
      none): for monitoring.

      Examples:
        made status --workspace /srv/made
        made status --check || mail -s "MADE: overdue feed" vrn-data@example.org
      """)

  @OptionGroup var options: GlobalOptions

  @Flag(help: "Exit 5 when any feed is overdue (print only those).")
  var check = false

  func run() throws {
    _ = options.setUpLogging()
    var overdue = false
    try runReportingErrors {
      let report = try Pipeline(workspace: options.resolvedWorkspace).status()
      overdue = !report.overdue.isEmpty
      if check {
        for feed in report.overdue {
          print(
            "overdue: \(feed.feed): last delivery \(feed.lastDelivery ?? "never"), expected "
              + "every \(feed.expectEveryDays) days")
        }
      } else {
        print(report)
      }
    }
    if check && overdue { throw ExitCode(.overdueFeed) }
  }
}
