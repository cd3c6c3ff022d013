#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds repeated person ids in a person-level export without keeping any id, in bounded memory.
///
/// Each id is reduced to a 64-bit hash; its top 48 bits are the row's *fingerprint*: 16 bits pick
/// one of 65,536 buckets and 32 bits are kept. The main pass over the file only counts rows per
/// bucket (256 KB). Then one or more *placement passes* re-read the file's ids and put each row's
/// 32 bits into its bucket's place in one exactly sized array (a counting sort): 4 bytes a row, at
/// most ``maximumRowsPerPass`` rows at a time (4 MB) — a larger file takes more passes over
/// consecutive ranges of buckets rather than more memory. Each bucket is then sorted (a few dozen
/// values) and equal neighbours are *suspects*; a last pass compares the real ids of suspect rows
/// only (see ``PersonExportScanner/linesOfRepeatedPersons(fingerprints:)``). Among 2,000,000
/// distinct ids a false suspect turns up in under 1% of files, and then costs one more read.
///
/// Why not one `[UInt64]` of hashes, sorted: 16 MB for 2,000,000 rows, in a process that must stay
/// under 32 MB with its database open.
struct DuplicateFinder {
    static let bucketCount = 1 << 16
    /// Rows whose fingerprints one placement pass holds (4 bytes each).
    static let maximumRowsPerPass = 1 << 20

    /// Rows counted per bucket (by the main pass).
    private(set) var bucketCounts = [UInt32](repeating: 0, count: DuplicateFinder.bucketCount)
    private(set) var rows = 0

    /// The bucket of a hash: its top 16 bits.
    @inline(__always)
    static func bucket(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash >> 48) }

    /// The fingerprint of a hash: its top 48 bits.
    @inline(__always)
    static func fingerprint(_ hash: UInt64) -> UInt64 { hash >> 16 }

    /// Counts a row (main pass).
    @inline(__always)
    mutating func count(_ hash: UInt64) {
        bucketCounts.withUnsafeMutableBufferPointer { $0[Self.bucket(hash)] &+= 1 }
        rows += 1
    }

    /// Consecutive ranges of buckets whose rows fit one placement pass each (a bucket larger than
    /// a pass gets a pass of its own).
    func passes(maximumRows: Int = DuplicateFinder.maximumRowsPerPass) -> [Range<Int>] {
        var passes: [Range<Int>] = []
        var start = 0, rowsInPass = 0
        for bucket in 0..<Self.bucketCount {
            let count = Int(bucketCounts[bucket])
            if rowsInPass > 0 && rowsInPass + count > maximumRows {
                passes.append(start..<bucket)
                start = bucket
                rowsInPass = 0
            }
            rowsInPass += count
        }
        if rowsInPass > 0 { passes.append(start..<Self.bucketCount) }
        return passes
    }

    /// The fingerprints that occur more than once.
    ///
    /// - Parameters:
    ///   - rereadHashes: reads the file again and calls its argument with each row's id hash,
    ///     in any order (once per placement pass).
    ///   - check: called every few thousand buckets while they are sorted; throws to stop (Ctrl-C).
    /// - Throws: ``FileChanged`` when a pass finds other rows than the main pass counted.
    func repeatedFingerprints(maximumRowsPerPass: Int = DuplicateFinder.maximumRowsPerPass,
                              check: () throws -> Void = {},
                              rereadHashes: ((UInt64) throws -> Void) throws -> Void) throws -> Set<UInt64> {
        var repeated = Set<UInt64>()
        for pass in passes(maximumRows: maximumRowsPerPass) {
            // Where each bucket of the pass starts in the array.
            var offsets = [Int](repeating: 0, count: pass.count + 1)
            for (i, bucket) in pass.enumerated() { offsets[i + 1] = offsets[i] + Int(bucketCounts[bucket]) }
            let total = offsets[pass.count]
            let values = UnsafeMutablePointer<UInt32>.allocate(capacity: max(total, 1))
            defer { values.deallocate() }
            var next = offsets
            try next.withUnsafeMutableBufferPointer { next in
                try rereadHashes { hash in
                    let bucket = Self.bucket(hash)
                    guard pass.contains(bucket) else { return }
                    let slot = bucket - pass.lowerBound
                    guard next[slot] < offsets[slot + 1] else { throw FileChanged() }
                    values[next[slot]] = UInt32(truncatingIfNeeded: hash >> 16)
                    next[slot] += 1
                }
            }
            for slot in 0..<pass.count where next[slot] != offsets[slot + 1] { throw FileChanged() }
            for (i, bucket) in pass.enumerated() where offsets[i + 1] - offsets[i] > 1 {
                if i & 4095 == 0 { try check() }
                var segment = UnsafeMutableBufferPointer(start: values + offsets[i], count: offsets[i + 1] - offsets[i])
                segment.sort()
                for j in 1..<segment.count where segment[j] == segment[j - 1] {
                    repeated.insert(UInt64(bucket) << 32 | UInt64(segment[j]))
                }
            }
        }
        return repeated
    }

    /// A placement pass met other rows than the main pass counted: the file changed under the import.
    struct FileChanged: Error {}

    /// FNV-1a over the bytes, then a 64-bit finaliser (from MurmurHash3) so that ids differing only
    /// in their last digits spread over all bits.
    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in 0..<n {
            h ^= UInt64(p[i])
            h = h &* 0x0000_0100_0000_01b3
        }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }
}
