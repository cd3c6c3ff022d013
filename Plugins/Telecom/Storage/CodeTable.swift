/// Values by unit code, for tables as large as every village of the registry.
///
/// Official codes (all digits: ``CodeKey/digits(_:)``) go in an open-addressing table placed by one
/// multiplication of the packed digits; any other code in a dictionary. A `Dictionary` keyed by
/// ``CodeKey`` hashes every key with SipHash: for an import of ten thousand villages, filling and
/// reading the table that way cost as much as SQLite's scan of the villages it was filled from.
struct CodeTable<Value> {
    /// The packed digits of each slot's code; 0 for an empty slot (a packed code never is: it holds its length).
    private var keys: [UInt64]
    private var values: [Value?]
    private var shift: UInt64
    private var digitCodes = 0
    private var otherCodes: [String: Value] = [:]

    /// A table sized for about `capacity` codes (it grows past them).
    ///
    /// Filled to three quarters at most: linear probing still finds a code in about two steps, and half-empty
    /// tables of ten thousand villages touched twice the memory (a page fault per new page).
    init(capacity: Int = 0) {
        var bits: UInt64 = 4
        while (1 << bits) * 3 < capacity * 4 { bits += 1 }
        keys = Array(repeating: 0, count: 1 << bits)
        values = Array(repeating: nil, count: 1 << bits)
        shift = 64 - bits
    }

    var count: Int { digitCodes + otherCodes.count }

    /// Where a code's probe starts: the top bits of the digits times a large odd constant (Fibonacci hashing).
    private func start(_ packed: UInt64) -> Int { Int(truncatingIfNeeded: (packed &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    subscript(key: CodeKey) -> Value? {
        switch key {
        case .text(let text): return otherCodes[text]
        case .digits(let packed): return self[digits: packed]
        }
    }

    /// The value of an official code, by its packed digits.
    subscript(digits packed: UInt64) -> Value? {
        let mask = keys.count - 1
        var slot = start(packed)
        while keys[slot] != 0 {
            if keys[slot] == packed { return values[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Sets the value of a code; returns the one it replaces, if any.
    @discardableResult
    mutating func updateValue(_ value: Value, forKey key: CodeKey) -> Value? {
        switch key {
        case .text(let text):
            return otherCodes.updateValue(value, forKey: text)
        case .digits(let packed):
            if (digitCodes + 1) * 4 > keys.count * 3 { grow() }
            let mask = keys.count - 1
            var slot = start(packed)
            while keys[slot] != 0 {
                if keys[slot] == packed {
                    let old = values[slot]
                    values[slot] = value
                    return old
                }
                slot = (slot + 1) & mask
            }
            keys[slot] = packed
            values[slot] = value
            digitCodes += 1
            return nil
        }
    }

    /// Twice the slots, every code placed again.
    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: nil, count: oldKeys.count * 2)
        shift -= 1
        digitCodes = 0
        for (slot, packed) in oldKeys.enumerated() where packed != 0 {
            updateValue(oldValues[slot]!, forKey: .digits(packed))
        }
    }
}
