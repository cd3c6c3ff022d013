import ShellKit

/// The commune-level units an import may name by code, each with a dense slot for tallying.
///
/// GSO commune codes are five digits, so a 100,000-entry table of slot numbers (200 KB) turns a
/// code into a slot with one load: no hashing, no `String`. Codes written without their leading
/// zeros (`7324` for `07324`, as spreadsheets do) are the same code.
struct CommuneCodeTable {
    /// The units, by slot.
    let units: [Entry]
    /// Where the codes are valid, for messages: `valid on 2023-12-31`.
    let validityDescription: String
    private let slots: [Int16]

    /// A unit in the table.
    struct Entry: Equatable, Sendable {
        /// The unit's id in the core's unit table.
        var unitID: Int64
        /// The five-digit code as stored.
        var code: String
        var name: String
    }

    /// Builds the table; codes must be all digits and below 100,000 (GSO commune codes are).
    init(units: [Entry], validityDescription: String) {
        precondition(units.count < Int(Int16.max), "too many units for a commune table")
        var slots = [Int16](repeating: -1, count: 100_000)
        for (slot, unit) in units.enumerated() {
            guard let value = Int(unit.code), (0..<100_000).contains(value) else { continue }
            slots[value] = Int16(slot)
        }
        self.units = units
        self.slots = slots
        self.validityDescription = validityDescription
    }

    var count: Int { units.count }

    /// The slot of the code in `bytes`, or -1 when the bytes are not a known code.
    @inline(__always)
    func slot(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        guard n > 0 && n <= 5 else { return -1 }
        var value = 0
        for i in 0..<n {
            let digit = Int(p[i]) &- 48
            guard digit >= 0 && digit <= 9 else { return -1 }
            value = value * 10 + digit
        }
        return slots.withUnsafeBufferPointer { Int($0[value]) }
    }

    /// The slot of a code given as text (aggregate files, commands), or nil.
    func slot(of code: String) -> Int? {
        var code = code
        let slot = code.withUTF8 { bytes in bytes.isEmpty ? -1 : self.slot(bytes.baseAddress!, bytes.count) }
        return slot >= 0 ? slot : nil
    }
}

/// Header names, compared the way people write them: case, surrounding blanks and `-`/space for
/// `_` do not matter (`With EHR` is `with_ehr`).
enum CSVHeader {
    static func normalise(_ name: String) -> String {
        var text = name.trimmingBlanks().lowercased()
        text = String(text.map { $0 == " " || $0 == "-" ? "_" : $0 })
        return text
    }
}
