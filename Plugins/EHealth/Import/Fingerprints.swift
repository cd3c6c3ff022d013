#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One 48-bit fingerprint per row of a person-level export: how duplicate person ids are found
/// without keeping any id.
///
/// A fingerprint is the top 48 bits of a 64-bit hash of the id, kept as two parallel arrays (16 high
/// bits, 32 low bits): 6 bytes a row, 12 MB for 2,000,000 rows, where a `[UInt64]` would take 16 MB
/// of a 32 MB budget. The arrays grow with `realloc`, which for blocks this size moves pages rather
/// than copying them, and are sorted in place at the end (no second buffer). Equal neighbours after
/// sorting are *suspects*; a second pass over the file compares the real ids (see
/// ``PersonExportScanner/linesOfRepeatedPersons(fingerprints:)``). Among 2,000,000 distinct ids a
/// false suspect turns up in under 1% of files, and then costs one more read of the file.
///
/// A class because it owns its memory (freed by ``release()``, at the latest on deinit).
final class Fingerprints {
    @exclusivity(unchecked) private var high: UnsafeMutablePointer<UInt16>?
    @exclusivity(unchecked) private var low: UnsafeMutablePointer<UInt32>?
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private var capacity: Int

    init(estimatedCount: Int) {
        capacity = max(estimatedCount, 1024)
        high = malloc(capacity * 2)?.assumingMemoryBound(to: UInt16.self)
        low = malloc(capacity * 4)?.assumingMemoryBound(to: UInt32.self)
        precondition(high != nil && low != nil, "out of memory for \(capacity) row fingerprints")
    }

    deinit { release() }

    /// The fingerprint of a hash: its top 48 bits.
    @inline(__always)
    static func fingerprint(_ hash: UInt64) -> UInt64 { hash >> 16 }

    /// Adds the fingerprint of a row's id hash.
    @inline(__always)
    func append(_ hash: UInt64) {
        if count == capacity { grow() }
        high![count] = UInt16(truncatingIfNeeded: hash >> 48)
        low![count] = UInt32(truncatingIfNeeded: hash >> 16)
        count += 1
    }

    private func grow() {
        capacity *= 2
        high = realloc(high, capacity * 2)?.assumingMemoryBound(to: UInt16.self)
        low = realloc(low, capacity * 4)?.assumingMemoryBound(to: UInt32.self)
        precondition(high != nil && low != nil, "out of memory for \(capacity) row fingerprints")
    }

    /// Sorts the fingerprints in place and returns those that occur more than once.
    func repeatedValues() -> Set<UInt64> {
        guard let high, let low, count > 1 else { return [] }
        PairSort.sort(high, low, count)
        var repeated = Set<UInt64>()
        for i in 1..<count where low[i] == low[i - 1] && high[i] == high[i - 1] {
            repeated.insert(UInt64(high[i]) << 32 | UInt64(low[i]))
        }
        return repeated
    }

    /// Frees the buffers; the value is empty afterwards.
    func release() {
        free(high)
        free(low)
        high = nil
        low = nil
        count = 0
        capacity = 0
    }

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

/// An in-place sort of (16-bit, 32-bit) pairs held in two parallel arrays, by the pair's value:
/// introsort (quicksort, insertion sort for short ranges, heapsort when recursion goes too deep).
/// The standard library's sort is a merge sort that allocates a buffer of half the input, which
/// would break the import's memory budget, and cannot move two arrays together.
enum PairSort {
    static func sort(_ high: UnsafeMutablePointer<UInt16>, _ low: UnsafeMutablePointer<UInt32>, _ count: Int) {
        guard count > 1 else { return }
        var depthLimit = 2
        var n = count
        while n > 1 { depthLimit += 2; n >>= 1 }
        Sorter(high: high, low: low).introsort(0, count - 1, depthLimit)
    }

    private struct Sorter {
        let high: UnsafeMutablePointer<UInt16>
        let low: UnsafeMutablePointer<UInt32>

        @inline(__always)
        func key(_ i: Int) -> UInt64 { UInt64(high[i]) << 32 | UInt64(low[i]) }

        @inline(__always)
        func swapAt(_ i: Int, _ j: Int) {
            let h = high[i]; high[i] = high[j]; high[j] = h
            let l = low[i]; low[i] = low[j]; low[j] = l
        }

        func introsort(_ low: Int, _ high: Int, _ depth: Int) {
            var low = low, high = high, depth = depth
            while high - low > 16 {
                if depth == 0 {
                    heapsort(low, high - low + 1)
                    return
                }
                depth -= 1
                // Median of three as pivot; Hoare partition.
                let mid = low + (high - low) / 2
                if key(mid) < key(low) { swapAt(mid, low) }
                if key(high) < key(low) { swapAt(high, low) }
                if key(high) < key(mid) { swapAt(high, mid) }
                let pivot = key(mid)
                var i = low - 1, j = high + 1
                while true {
                    repeat { i += 1 } while key(i) < pivot
                    repeat { j -= 1 } while key(j) > pivot
                    if i >= j { break }
                    swapAt(i, j)
                }
                // Recurse into the smaller side, loop on the larger: the stack stays logarithmic.
                if j - low < high - j {
                    introsort(low, j, depth)
                    low = j + 1
                } else {
                    introsort(j + 1, high, depth)
                    high = j
                }
            }
            // Insertion sort for the short remainder.
            guard high > low else { return }
            for i in (low + 1)...high {
                var j = i
                while j > low && key(j - 1) > key(j) {
                    swapAt(j - 1, j)
                    j -= 1
                }
            }
        }

        private func heapsort(_ start: Int, _ n: Int) {
            func siftDown(_ root: Int, _ end: Int) {
                var root = root
                while 2 * root + 1 < end {
                    var child = 2 * root + 1
                    if child + 1 < end && key(start + child) < key(start + child + 1) { child += 1 }
                    if key(start + root) >= key(start + child) { return }
                    swapAt(start + root, start + child)
                    root = child
                }
            }
            var root = n / 2 - 1
            while root >= 0 { siftDown(root, n); root -= 1 }
            var end = n - 1
            while end > 0 {
                swapAt(start, start + end)
                siftDown(0, end)
                end -= 1
            }
        }
    }
}
