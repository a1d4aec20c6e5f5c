import CMadeZlib
import Crypto
import Foundation

/// Why a delivered file could not be read at all. The file is quarantined; nothing is loaded.
public enum ExtractError: Error, Equatable, Sendable {
  case cannotOpen(path: String, reason: String)
  case readFailed(path: String, reason: String)
  case truncatedGzip(path: String)
  case corruptGzip(path: String, reason: String)
  /// A symbolic link, hard link, FIFO, socket or device: refused without being read.
  case notRegularFile(path: String, kind: String)
  /// A gzip that inflates past `[ingest] max_inflated_bytes`.
  case inflatesTooFar(path: String, limit: Int)

  /// The `files.reason` code.
  public var reasonCode: ReasonCode {
    switch self {
    case .cannotOpen, .readFailed: return .unreadableFile
    case .truncatedGzip: return .truncatedGzip
    case .corruptGzip: return .corruptGzip
    case .notRegularFile: return .notARegularFile
    case .inflatesTooFar: return .gzipTooLarge
    }
  }

  /// What went wrong, naming the file (not its folder: quarantine moves it).
  public var message: String {
    switch self {
    case .cannotOpen(let path, let reason): return "\(name(path)): cannot open (\(reason))"
    case .readFailed(let path, let reason): return "\(name(path)): read failed (\(reason))"
    case .truncatedGzip(let path):
      return "\(name(path)): the gzip stream ends early (truncated download or copy?); ask the "
        + "partner to send the file again"
    case .corruptGzip(let path, let reason):
      return "\(name(path)): not a valid gzip stream (\(reason))"
    case .notRegularFile(let path, let kind):
      return "\(name(path)): \(kind), not a regular file; it was not opened. Deliver the file "
        + "itself, not a link or a special file"
    case .inflatesTooFar(let path, let limit):
      return "\(name(path)): the gzip inflates to more than \(limit) bytes ([ingest] "
        + "max_inflated_bytes): a compression bomb, or an extract far larger than any expected; "
        + "raise the limit in made.toml if it is genuine"
    }
  }

  private func name(_ path: String) -> String {
    URL(fileURLWithPath: path).lastPathComponent
  }
}

/// A stream of bytes: a plain file, or a gzip file inflated on the fly.
protocol ByteSource {
  /// Fills up to `buffer.count` bytes; 0 means end of stream.
  mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A delivered file that changed while it was read (grew, shrank or was rewritten): most likely
/// an upload still in progress. Nothing from it is loaded; it is left where it is for the next
/// run, which reads it whole.
public struct UnsettledFile: Error, CustomStringConvertible, Sendable {
  public let path: String
  public let detail: String

  public var description: String {
    "\(URL(fileURLWithPath: path).lastPathComponent) changed while it was read (\(detail)): "
      + "an upload still in progress? Nothing from it was loaded; it was left where it is and "
      + "the next run takes it whole"
  }
}

/// A file read with POSIX `pread(2)` in large chunks, hashing (SHA-256) what it reads.
///
/// The hash is of the bytes as delivered, so the same delivery is recognised whatever its
/// compression.
///
/// Opened with `O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC` and checked with `fstat` on the open
/// descriptor, so what is read is the regular file that was checked (no race between a check
/// and the open): a FIFO or a device (`/dev/zero`) is refused at once rather than read
/// forever, and a symbolic link is refused unless `followLink` (a path the operator named on
/// the command line). Reading stops at the size `fstat` gave at the open: if the file then has
/// another size or modification time, it was still being written (`UnsettledFile`).
final class DeliveredFile: ByteSource {
  let path: String
  /// The file's own size when it was opened: what is read, and `files.bytes`.
  let size: Int
  private let descriptor: Int32
  private let modified: timespec
  private(set) var hasher = SHA256()
  private(set) var bytesRead: Int = 0

  init(path: String, followLink: Bool = false) throws {
    self.path = path
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (followLink ? 0 : O_NOFOLLOW))
    guard descriptor >= 0 else {
      let reason = errno
      if reason == ELOOP, !followLink {
        throw ExtractError.notRegularFile(path: path, kind: EntryKind.symbolicLink.description)
      }
      throw ExtractError.cannotOpen(path: path, reason: String(cString: strerror(reason)))
    }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      let reason = String(cString: strerror(errno))
      close(descriptor)
      throw ExtractError.cannotOpen(path: path, reason: reason)
    }
    // An inbox file with another name elsewhere (`ln secrets/made.key inbox/...`) is refused
    // here too, whatever the listing saw; a path the operator named may be one.
    let kind = EntryKind(mode: info.st_mode, links: followLink ? 1 : Int(info.st_nlink))
    guard kind == .regular else {
      close(descriptor)
      throw ExtractError.notRegularFile(path: path, kind: kind.description)
    }
    self.descriptor = descriptor
    size = Int(info.st_size)
    modified = info.st_mtim
  }

  /// The same open file read again from its start, with its own hash (the descriptor is
  /// shared through `dup`, so the file read is the one checked at the open).
  private init(sharing other: DeliveredFile) throws {
    path = other.path
    size = other.size
    modified = other.modified
    descriptor = dup(other.descriptor)
    guard descriptor >= 0 else {
      throw ExtractError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
    }
  }

  func rewound() throws -> DeliveredFile {
    try DeliveredFile(sharing: self)
  }

  deinit {
    close(descriptor)
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    let wanted = min(buffer.count, size - bytesRead)
    if wanted <= 0 {
      try checkUnchanged()
      return 0
    }
    while true {
      let count = pread(descriptor, buffer.baseAddress, wanted, off_t(bytesRead))
      if count < 0 {
        if errno == EINTR { continue }
        throw ExtractError.readFailed(path: path, reason: String(cString: strerror(errno)))
      }
      if count == 0 {
        throw UnsettledFile(path: path, detail: "it ended after \(bytesRead) of \(size) bytes")
      }
      hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
      bytesRead += count
      return count
    }
  }

  /// Up to `count` bytes from the start, without moving the read position or hashing.
  func head(_ count: Int) throws -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: min(count, size))
    let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
    guard read >= 0 else {
      throw ExtractError.readFailed(path: path, reason: String(cString: strerror(errno)))
    }
    return Array(bytes.prefix(read))
  }

  /// At the end of the size read: the file must still be that size, as last modified then.
  private func checkUnchanged() throws {
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { return }
    if Int(info.st_size) != size {
      throw UnsettledFile(
        path: path, detail: "\(size) bytes when opened, \(info.st_size) when read to the end")
    }
    if info.st_mtim.tv_sec != modified.tv_sec || info.st_mtim.tv_nsec != modified.tv_nsec {
      throw UnsettledFile(path: path, detail: "it was modified while it was read")
    }
  }

  /// Reads to the end and returns the hex SHA-256 of the whole file.
  func readToEndAndDigest() throws -> String {
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { buffer.deallocate() }
    while try read(into: buffer) > 0 {}
    return digestHex
  }

  var digestHex: String {
    hasher.finalize().hexString
  }
}

/// Inflates a gzip stream (one or more members) from another source, with zlib.
final class GzipSource: ByteSource {
  private var upstream: DeliveredFile
  private var stream = z_stream()
  private let input: UnsafeMutableRawBufferPointer
  private var finished = false
  private var memberEnded = false
  private let maxInflatedBytes: Int
  private var inflatedBytes = 0

  /// Inflating past `maxInflatedBytes` throws `inflatesTooFar`: a small file must not become
  /// an endless read (a gzip bomb inflates a thousandfold and more).
  init(upstream: DeliveredFile, maxInflatedBytes: Int = .max) throws {
    self.upstream = upstream
    self.maxInflatedBytes = maxInflatedBytes
    input = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 16)
    let rc = made_inflate_init_gzip(&stream)
    guard rc == Z_OK else {
      input.deallocate()
      throw ExtractError.corruptGzip(path: upstream.path, reason: "zlib init failed (\(rc))")
    }
  }

  deinit {
    inflateEnd(&stream)
    input.deallocate()
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    if finished { return 0 }
    stream.next_out = buffer.baseAddress?.assumingMemoryBound(to: Bytef.self)
    stream.avail_out = uInt(buffer.count)
    while stream.avail_out > 0 {
      if stream.avail_in == 0 {
        let count = try upstream.read(into: input)
        if count == 0 {
          if memberEnded {
            finished = true
            break
          }
          throw ExtractError.truncatedGzip(path: upstream.path)
        }
        stream.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.avail_in = uInt(count)
      }
      if memberEnded {
        if let next = stream.next_in, next.pointee == 0 {
          // Zero padding after the last member (block-padded copies, tapes): skip it, as
          // gzip does; anything else after it is not gzip.
          let padding = UnsafeBufferPointer(start: next, count: Int(stream.avail_in))
          guard padding.allSatisfy({ $0 == 0 }) else {
            throw ExtractError.corruptGzip(
              path: upstream.path, reason: "data after the end of the gzip stream")
          }
          stream.avail_in = 0
          continue
        }
        // Another gzip member follows (as `cat a.gz b.gz` makes): start it afresh.
        inflateReset(&stream)
        memberEnded = false
      }
      let rc = inflate(&stream, Z_NO_FLUSH)
      switch rc {
      case Z_STREAM_END:
        memberEnded = true
      case Z_OK, Z_BUF_ERROR:
        break
      default:
        let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(rc)"
        throw ExtractError.corruptGzip(path: upstream.path, reason: reason)
      }
    }
    let produced = buffer.count - Int(stream.avail_out)
    inflatedBytes += produced
    if inflatedBytes > maxInflatedBytes {
      throw ExtractError.inflatesTooFar(path: upstream.path, limit: maxInflatedBytes)
    }
    return produced
  }
}
