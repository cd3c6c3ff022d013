#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An operator list (the operators with service of one generation), held as a number: what a survey
/// row, its merge over the stored survey and its insert copy and compare.
///
/// A survey names a handful of distinct lists (`Viettel`, `MobiFone,Viettel`, ...) over ten thousand
/// villages: each list is kept once, in ``OperatorListTable``, and a row holds its number. Copying,
/// merging and comparing rows then touches no reference count; the names are made on read.
struct OperatorList: Equatable, Hashable, Sendable {
    /// The list's number in ``OperatorListTable/shared``.
    let id: UInt32

    /// Surveyed, and no operator has service.
    static let noService = OperatorList(number: 0)

    /// The list of these names, in this order (as parsed: sorted, without repeats).
    init(_ names: [String]) {
        self = names.isEmpty ? .noService : OperatorListTable.shared.list(names)
    }

    /// The list with this number in ``OperatorListTable/shared``.
    init(number: UInt32) { id = number }

    /// Whether at least one operator has service.
    var hasService: Bool { id != 0 }

    /// The operators' names, as the registry spells them.
    var names: [String] { hasService ? OperatorListTable.shared.names(self) : [] }

    /// The list as stored: the names joined by commas (`MobiFone,Viettel`), an empty text for none.
    /// The bytes live as long as the process: SQLite can read them in place (`SQLITE_STATIC`).
    var storedText: UnsafeBufferPointer<UInt8> { OperatorListTable.shared.storedText(self) }

    /// The list a stored text holds (``storedText``).
    init(storedText text: String) {
        self = text.isEmpty ? .noService : OperatorList(text.split(separator: ",").map(String.init))
    }
}

/// Every operator list the process has seen, each once: names, stored text, and the number rows hold.
///
/// Lists are only ever added (there are as many as distinct lists in the surveys read, a few dozen),
/// so a list's stored text is allocated once and never freed, and a number stays valid for the whole
/// run. A lock guards the table: `VillageEvidence` is `Sendable`, and reads of names may come from any
/// thread; imports look each distinct list up once, not once per row.
final class OperatorListTable: @unchecked Sendable {
    static let shared = OperatorListTable()

    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    /// By number; entry 0 is the empty list.
    private var names: [[String]] = [[]]
    private var texts: [UnsafeBufferPointer<UInt8>]
    private var numbers: [[String]: UInt32] = [[]: 0]

    private init() {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        // A non-null address for the empty text: SQLite reads a null pointer as NULL, not as ''.
        let empty = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        texts = [UnsafeBufferPointer(start: empty, count: 0)]
    }

    private func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }

    func list(_ names: [String]) -> OperatorList {
        locked {
            if let id = numbers[names] { return OperatorList(number: id) }
            let id = UInt32(self.names.count)
            let joined = Array(names.joined(separator: ",").utf8)
            let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(joined.count, 1))
            bytes.initialize(from: joined, count: joined.count)
            self.names.append(names)
            texts.append(UnsafeBufferPointer(start: bytes, count: joined.count))
            numbers[names] = id
            return OperatorList(number: id)
        }
    }

    func names(_ list: OperatorList) -> [String] { locked { names[Int(list.id)] } }

    func storedText(_ list: OperatorList) -> UnsafeBufferPointer<UInt8> { locked { texts[Int(list.id)] } }
}

/// Operator lists already read, by the exact bytes of their cell or stored text: a survey's cells repeat
/// a handful of lists, and hashing and comparing a few bytes costs less than making, splitting and
/// hashing a string for every cell.
struct OperatorListCache {
    /// Every remembered cell's bytes, one after another; `spans` says where each is.
    private var keys: [UInt8] = []
    private var spans: [(offset: Int, count: Int)] = []
    private var lists: [OperatorList] = []
    /// Positions in `spans` by the bytes' hash (open addressing, -1 for an empty slot).
    private var slots = [Int8](repeating: -1, count: OperatorListCache.slotCount)
    /// More distinct cells than this are parsed each time.
    static let capacity = 64
    private static let slotCount = 256

    /// A slot from the length and the first and last eight bytes (cells of eight bytes or more: most lists),
    /// or every byte of a shorter cell; equal hashes are told apart by comparing the bytes.
    @inline(__always) private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash = UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
        if bytes.count >= 8, let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            hash ^= raw.loadUnaligned(as: UInt64.self)
            hash = (hash ^ (hash >> 29)) &* 0xBF58_476D_1CE4_E5B9
            hash ^= raw.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)
        } else {
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        hash = (hash ^ (hash >> 31)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: hash >> 56)
    }

    /// The list read from a cell with exactly these bytes, if one was. Inlined into an import's loop over cells.
    @inline(__always) func list(for bytes: UnsafeBufferPointer<UInt8>) -> OperatorList? {
        guard let base = bytes.baseAddress, !lists.isEmpty else { return nil }
        var slot = Self.hash(bytes)
        return keys.withUnsafeBufferPointer { keys in
            while true {
                let index = Int(slots[slot])
                if index < 0 { return nil }
                let span = spans[index]
                if span.count == bytes.count && Self.equal(keys.baseAddress! + span.offset, base, count: bytes.count) {
                    return lists[index]
                }
                slot = (slot + 1) & (Self.slotCount - 1)
            }
        }
    }

    /// Whether two runs of `count` bytes are equal: a cell of 8 to 16 bytes (`Viettel,VinaPhone`) compared as
    /// its first and last eight, others by memcmp.
    @inline(__always) private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, count: Int) -> Bool {
        guard count >= 8, count <= 16 else { return memcmp(a, b, count) == 0 }
        let a = UnsafeRawPointer(a), b = UnsafeRawPointer(b)
        return a.loadUnaligned(as: UInt64.self) == b.loadUnaligned(as: UInt64.self)
            && a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }

    /// Remembers the list read from a cell with these bytes.
    mutating func remember(_ list: OperatorList, for bytes: UnsafeBufferPointer<UInt8>) {
        guard lists.count < Self.capacity, !bytes.isEmpty, self.list(for: bytes) == nil else { return }
        var slot = Self.hash(bytes)
        while slots[slot] >= 0 { slot = (slot + 1) & (Self.slotCount - 1) }
        slots[slot] = Int8(lists.count)
        spans.append((keys.count, bytes.count))
        keys.append(contentsOf: bytes)
        lists.append(list)
    }
}
