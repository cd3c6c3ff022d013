import Foundation

extension UnitIndex {
    /// What completion looks up, in flat arrays a keystroke reads without hashing or copying text.
    ///
    /// Each unit has a slot (its place in the order units came in). Search keys — each unit's
    /// folded name and base (rank 0) and every later word of its base to the end (rank 1) — are
    /// bucketed by their first two bytes, their bytes one after another; the folded bases lie one
    /// after another too, so a search inside names is one `memmem` over them. Slots carry what
    /// eligibility needs (validity as day numbers, level) and their place in the completion order,
    /// so ranking thousands of matches compares integers.
    struct CompletionTable {
        /// What a slot's unit is, for deciding whether it may be offered.
        struct Slot {
            let id: Int64
            /// First and last valid day as `yyyymmdd` (``Int32/max`` when still valid).
            let from: Int32
            let to: Int32
            let level: UnitLevel

            init(_ unit: Unit) {
                id = unit.id
                from = Slot.number(unit.validFrom)
                to = unit.validTo.map(Slot.number) ?? .max
                level = unit.level
            }

            /// A day as `yyyymmdd`: ordered as days are.
            static func number(_ day: Day) -> Int32 { Int32(truncatingIfNeeded: day.year * 10_000 + day.month * 100 + day.day) }
        }

        private(set) var slots: [Slot] = []
        /// The slot of each unit id.
        private(set) var slotOfID: [Int64: Int32] = [:]
        /// Each slot's base name as spelled and order key.
        private(set) var orders: [CompletionOrder] = []
        /// Search keys by their first two bytes (see ``CompletionKey/bucket(of:)``).
        private(set) var buckets: [UInt16: KeyList] = [:]
        /// Every slot's folded base, in slot order.
        private(set) var bases = PackedTexts()
        /// Slots in completion order (``CompletionOrder/precedes(_:_:)``), and each slot's place in it.
        private(set) var ordered: [Int32] = []
        private(set) var ordinals: [Int32] = []
        /// Slots added since the order was last worked out.
        private var pending: [Int32] = []
        /// Whether the order was ever worked out (a new table sorts once; later adds are inserted).
        private var isOrdered = false

        mutating func reserveCapacity(_ count: Int) {
            slots.reserveCapacity(count)
            slotOfID.reserveCapacity(count)
            orders.reserveCapacity(count)
        }

        /// Takes in a unit (not in the table yet): its slot, keys and base.
        mutating func add(_ unit: Unit, _ names: FoldedNames) {
            let slot = Int32(slots.count)
            slots.append(Slot(unit))
            slotOfID[unit.id] = slot
            orders.append(CompletionOrder(unit, names))
            bases.append(names.base.utf8)
            func addKey(_ key: Substring.UTF8View, rank: UInt8) {
                buckets[CompletionKey.bucket(of: key), default: KeyList()].append(key, slot: slot, rank: rank)
            }
            addKey(Substring(names.name).utf8, rank: 0)
            if names.base != names.name { addKey(Substring(names.base).utf8, rank: 0) }
            let bytes = Substring(names.base).utf8
            var index = bytes.startIndex
            while let space = bytes[index...].firstIndex(of: 32) {
                index = bytes.index(after: space)
                guard index < bytes.endIndex else { break }
                addKey(bytes[index...], rank: 1)
            }
            pending.append(slot)
        }

        /// Works out the completion order: one sort the first time; afterwards each unit added
        /// since is put in its place (a binary search) and the places are renumbered.
        mutating func updateOrder() {
            guard !pending.isEmpty else { return }
            let orders = self.orders
            func precedes(_ a: Int32, _ b: Int32) -> Bool { CompletionOrder.precedes(orders[Int(a)], orders[Int(b)]) }
            if !isOrdered || pending.count > 256 {
                ordered = Array(0..<Int32(slots.count))
                ordered.sort(by: precedes)
                isOrdered = true
            } else {
                for slot in pending {
                    let position = UnitIndex.lowerBound(ordered.count) { precedes(ordered[$0], slot) }
                    ordered.insert(slot, at: position)
                }
            }
            pending = []
            ordinals = [Int32](repeating: 0, count: slots.count)
            for (place, slot) in ordered.enumerated() { ordinals[Int(slot)] = Int32(place) }
        }
    }

    /// Texts one after another in one byte array: the `i`th ends where ``ends`` says.
    struct PackedTexts {
        private(set) var bytes: [UInt8] = []
        private(set) var ends: [Int32] = []

        var count: Int { ends.count }

        mutating func append<Bytes: Collection>(_ text: Bytes) where Bytes.Element == UInt8 {
            bytes.append(contentsOf: text)
            ends.append(Int32(bytes.count))
        }

        /// Calls `body` with each text that contains `part` (bytes compared), at most once per text.
        func forEachContaining(_ part: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Void) {
            guard let needle = part.baseAddress, !part.isEmpty else {
                for index in 0..<count { body(index) }
                return
            }
            bytes.withUnsafeBytes { haystack in
                guard let base = haystack.baseAddress else { return }
                let first = Int32(part[0])
                var from = 0
                // Candidates by their first byte (memchr), then the whole part compared.
                while haystack.count - from >= part.count,
                      let found = memchr(base + from, first, haystack.count - from - part.count + 1) {
                    let offset = base.distance(to: UnsafeRawPointer(found))
                    guard memcmp(found, needle, part.count) == 0 else {
                        from = offset + 1
                        continue
                    }
                    // The text holding the hit: the first that ends after it.
                    let index = UnitIndex.lowerBound(ends.count) { Int(ends[$0]) <= offset }
                    let end = Int(ends[index])
                    // A hit running into the next text is none; any later one in this text would too.
                    if offset + part.count <= end { body(index) }
                    from = end
                }
            }
        }
    }

    /// The search keys of one bucket, their bytes one after another, with their slots and ranks.
    struct KeyList {
        private(set) var texts = PackedTexts()
        private(set) var slots: [Int32] = []
        /// 0: the name or base starts here; 1: a later word of the base starts here.
        private(set) var ranks: [UInt8] = []

        mutating func append(_ key: Substring.UTF8View, slot: Int32, rank: UInt8) {
            texts.append(key)
            slots.append(slot)
            ranks.append(rank)
        }

        /// Calls `body` with the slot and rank of each key starting with `prefix`; keys of rank 1
        /// only when `words` (a word of a base can only start a one-word text).
        func forEachStarting(with prefix: UnsafeBufferPointer<UInt8>, words: Bool, _ body: (Int32, UInt8) -> Void) {
            let length = prefix.count
            texts.bytes.withUnsafeBufferPointer { bytes in
                texts.ends.withUnsafeBufferPointer { ends in
                    var start = 0
                    for index in 0..<ends.count {
                        let end = Int(ends[index])
                        defer { start = end }
                        guard end - start >= length, words || ranks[index] == 0 else { continue }
                        if length == 0 || memcmp(bytes.baseAddress! + start, prefix.baseAddress!, length) == 0 {
                            body(slots[index], ranks[index])
                        }
                    }
                }
            }
        }
    }

    /// Keys are bucketed by their first two bytes.
    enum CompletionKey {
        /// The bucket of a key or of a typed prefix: its first two bytes (one when that is all).
        static func bucket<Bytes: Collection>(of bytes: Bytes) -> UInt16 where Bytes.Element == UInt8 {
            var iterator = bytes.makeIterator()
            let first = UInt16(iterator.next() ?? 0)
            return first << 8 | UInt16(iterator.next() ?? 0)
        }
    }

    /// A unit's base name as spelled and what orders it among completions, worked out once per
    /// unit (when the completion table is built, or when the session adds it).
    struct CompletionOrder {
        let baseName: String
        let key: [UInt32]
        let level: UnitLevel
        let code: String
        let id: Int64

        init(_ unit: Unit, _ names: FoldedNames?) {
            baseName = names?.baseName(of: unit) ?? unit.baseName
            key = UnitIndex.orderKey(baseName)
            level = unit.level
            code = unit.code
            id = unit.id
        }

        /// The order of completions among matches of the same rank: level (districts before
        /// communes), then the name as String orders it (compared through scalar keys), then code.
        static func precedes(_ a: CompletionOrder, _ b: CompletionOrder) -> Bool {
            if a.level != b.level { return a.level < b.level }
            if a.key != b.key { return a.key.lexicographicallyPrecedes(b.key) }
            if a.code != b.code { return a.code < b.code }
            return a.id < b.id
        }
    }
}
