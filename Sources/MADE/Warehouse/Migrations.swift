/// The warehouse's versioned migrations, one SQL file each in `Schemas/migrations/`. Never
/// edit a released migration: add a new one.
///
/// Grain of each table is in its comment; the README's data dictionary follows these.
enum Migrations {
  static let all: [(version: Int, name: String, sql: String)] = [
    (1, "operations, reference and indicator tables", sql(PackageResources.migration_01_sql)),
    (2, "keyword rules that classify free-text methods", sql(PackageResources.migration_02_sql)),
    (3, "schools and exclusion reasons", sql(PackageResources.migration_03_sql)),
    (
      4, "records replaced by a later delivery of their period",
      sql(PackageResources.migration_04_sql)
    ),
    (
      5, "method rules may name words that are not a method", sql(PackageResources.migration_05_sql)
    ),
    (
      6, "the indicator catalogue: areas, monthly cells, periods, trends and analysts' views",
      sql(PackageResources.migration_06_sql)
    ),
    (
      7, "purges of records past their retention; the host on audit entries",
      sql(PackageResources.migration_07_sql)
    ),
    (
      8, "where each inbox delivery was filed, so an interrupted filing is finished",
      sql(PackageResources.migration_08_sql)
    ),
    (
      9, "rejects counted by file and reason without sorting them all",
      sql(PackageResources.migration_09_sql)
    ),
    (
      10, "rows that repeat a key in their file, loaded with a warning",
      sql(PackageResources.migration_10_sql)
    ),
    (
      11, "the months each delivery covers, which decide what periods are published",
      sql(PackageResources.migration_11_sql)
    ),
    (
      12, "record keys that start with their month, so a new month appends to the key index",
      sql(PackageResources.migration_12_sql)
    ),
    (
      13, "the pack files in packs/ and what they publish, so nightly rewrites only changed ones",
      sql(PackageResources.migration_13_sql)
    ),
    (
      14, "views show only what a pack may: withheld cells, comparisons and trends blank",
      sql(PackageResources.migration_14_sql)
    ),
    (
      15, "ward and district boundaries for the packs' maps, simplified and projected",
      sql(PackageResources.migration_15_sql)
    ),
  ]

  /// A migration's SQL, as written in `Schemas/migrations/migration-NN.sql` (embedded in the
  /// code).
  private static func sql(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
