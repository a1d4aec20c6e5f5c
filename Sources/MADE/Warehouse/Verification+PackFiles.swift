import Foundation

/// `made verify`: "packs are as written".
///
/// Partners are sent what is in `packs/`. A pack edited by hand, or replaced by another file
/// of the same name, would publish figures MADE never checked for disclosure; a pack deleted
/// would leave partners with an older one. Nightly writes such packs again; verify says so
/// first.
extension Verification {
  func packFilesFinding(in folder: URL) throws -> Finding {
    let files = try warehouse.packFiles()
    let problems = PackFileCheck.problems(with: files, in: folder)
    return Finding(
      check: "packs are as written", problems: problems.map(\.description),
      none: files.isEmpty
        ? "no pack recorded yet (packs are recorded as an export writes them)"
        : "\(files.count) pack files in packs/ are the bytes MADE recorded writing",
      consequence: "the next nightly writes them again; `made export` does it now")
  }
}
