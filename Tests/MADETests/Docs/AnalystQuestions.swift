import Foundation
import Testing

@testable import MADE

/// docs/analyst-questions.md: ten questions, each answered by one SQL query. Every query runs
/// on the demo warehouse (`EndToEndTests`) and answers with rows, and none reads the raw
/// indicator tables: figures come from the views, which show what a pack shows.
enum AnalystQuestions {
  static var page: URL {
    EndToEndTests.repository.appendingPathComponent("docs/analyst-questions.md")
  }

  /// The page's SQL blocks, in order.
  static func queries() throws -> [String] {
    let text = try String(contentsOf: page, encoding: .utf8)
    return text.components(separatedBy: "```sql\n").dropFirst().map {
      $0.components(separatedBy: "```")[0]
    }
  }

  static func check(_ warehouse: Warehouse) throws {
    let queries = try queries()
    #expect(queries.count == 10)
    let raw = try Regex(#"\b(indicator_values|indicator_cells)\b"#)
    for (number, sql) in queries.enumerated() {
      #expect(sql.firstMatch(of: raw) == nil, "question \(number + 1) reads a raw table")
      let rows = try warehouse.query(sql)
      #expect(!rows.isEmpty, "question \(number + 1) answers nothing on the demo")
    }
  }
}
