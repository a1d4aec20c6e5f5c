/// The geography levels MADE publishes, finest first.
public enum GeoType: String, Codable, Sendable, CaseIterable {
  case ward, lad, csp, county
}
