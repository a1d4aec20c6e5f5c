import Foundation

extension FileIngestor {
  /// The feed `header` belongs to (`feedName`, when given, must fit it) and how its columns
  /// map to the feed's fields; `HeaderProblem` when it fits none, or several equally.
  func identify(header: [String], feedName: String?, name: String) throws
    -> (FeedSpec, HeaderMapping)
  {
    if let feedName {
      let feed = try catalog.feed(named: feedName)
      return (feed, try HeaderMatcher.match(header: header, feed: feed))
    }
    var matches: [(FeedSpec, HeaderMapping)] = []
    var nearest: (feed: String, problem: HeaderProblem, overlap: Int)?
    var healthProblem: HeaderProblem?
    let normalisedHeader = Set(header.map(HeaderMatcher.normalised))
    for feedName in catalog.names {
      let feed = try catalog.feed(named: feedName)
      do {
        matches.append((feed, try HeaderMatcher.match(header: header, feed: feed)))
      } catch  where error.reason == .identifierInHealthFeed {
        // A health layout carrying an identifier: say so, unless another feed fits.
        healthProblem = healthProblem ?? error
      } catch {
        let overlap = feed.fields.filter { field in
          ([field.name] + field.aliases).contains {
            normalisedHeader.contains(HeaderMatcher.normalised($0))
          }
        }.count
        if overlap > (nearest?.overlap ?? 0) { nearest = (feedName, error, overlap) }
      }
    }
    if matches.isEmpty, let healthProblem { throw healthProblem }
    // Prefer the feed that uses the most of the header.
    matches.sort { $0.1.ignoredColumns.count < $1.1.ignoredColumns.count }
    guard let best = matches.first,
      matches.count == 1 || matches[1].1.ignoredColumns.count > best.1.ignoredColumns.count
    else {
      var message: String
      if matches.isEmpty {
        message = "the header fits no feed (known: \(catalog.names.joined(separator: ", ")))"
        if let nearest {
          message += "; nearest is \(nearest.feed), but \(nearest.problem.message)"
        }
      } else {
        message = "the header fits several feeds (\(matches.map(\.0.name).joined(separator: ", ")))"
      }
      throw HeaderProblem(
        reason: .unknownFeed,
        message: message + ". Put the file in inbox/<feed>/ or pass --feed NAME")
    }
    return best
  }
}
