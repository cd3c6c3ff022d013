import GRDB
import NTMCore
import ShellKit

/// The telecom operators surveys may name (`store.telecomOperators`): Viettel, VinaPhone, MobiFone
/// and Vietnamobile on first install; others are added as data (`telecom operator add`).
///
/// Names match without regard to case or diacritics (`vinaphone` is VinaPhone) and are stored as
/// the registry spells them, so sums per operator never split one operator in two.
struct OperatorRegistry {
    let store: DomainStore

    /// Every operator's name, in the order of first registration.
    func names() throws -> [String] {
        try String.fetchAll(store.db, sql: "SELECT name FROM telecom_operator ORDER BY rowid")
    }

    /// A lookup from folded name to the registry's spelling, loaded once (imports resolve many).
    func lookup() throws -> Lookup {
        Lookup(names: try names())
    }

    /// Adds an operator; audited. Refused when the name (folded) is already known.
    func add(_ name: String) throws -> String {
        _ = try store.requireMutation("telecom operator add")
        let name = name.trimmingBlanks()
        guard !name.isEmpty, !name.contains(where: { ",;=".contains($0) }) else {
            throw DomainError.invalid("an operator's name cannot be empty or contain ',', ';' or '='")
        }
        if let existing = try lookup().canonical(name) {
            throw DomainError.invalid("the operator \(existing) is already known")
        }
        try store.db.execute(sql: "INSERT INTO telecom_operator (name, folded_name) VALUES (?, ?)",
                             arguments: [name, NameFolding.fold(name)])
        try store.audit.record(module: TelecomPlugin.moduleName, entity: "operator", key: name, before: nil,
                               after: .object(["name": .string(name)]))
        return name
    }

    /// Folded names to registry spellings.
    struct Lookup: Sendable {
        let names: [String]
        private let byFolded: [String: String]

        init(names: [String]) {
            self.names = names
            byFolded = Dictionary(names.map { (Self.fold($0), $0) }, uniquingKeysWith: { first, _ in first })
        }

        func canonical(_ name: String) -> String? { byFolded[Self.fold(name)] }

        /// `NameFolding.fold`, with names of ASCII letters, digits, `-`, `_` and `.` (every operator's so
        /// far) simply lowercased, which is what it gives them: the full fold builds its table of Latin
        /// letters on first use, which cost an import as much as reading a thousand rows.
        static func fold(_ name: String) -> String {
            func plain(_ byte: UInt8) -> Bool {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                     UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): return true
                default: return false
                }
            }
            guard !name.isEmpty, name.utf8.allSatisfy(plain) else { return NameFolding.fold(name) }
            return String(decoding: name.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
        }

        /// Parses an operator list: names separated by `,`, `;` or `+`; `none` (or an empty text) for no
        /// operator. Returns the registry's spellings, sorted and without repeats.
        func parseList(_ text: String) throws -> [String] {
            let trimmed = text.trimmingBlanks()
            if trimmed.isEmpty || trimmed.lowercased() == "none" { return [] }
            var result = Set<String>()
            for part in trimmed.split(whereSeparator: { ",;+".contains($0) }) {
                let word = String(part).trimmingBlanks()
                guard !word.isEmpty else { continue }
                guard let name = canonical(word) else { throw unknown(word) }
                result.insert(name)
            }
            return result.sorted()
        }

        func unknown(_ word: String) -> DomainError {
            DomainError.invalid("unknown operator '\(word)': expected " + names.joined(separator: ", ")
                + " or none (another operator: 'telecom operator add NAME')")
        }
    }

    /// Parses base stations per operator: `viettel=3,vinaphone=1` (or `;`-separated), `none` for none.
    /// With `known`, names are checked and spelled as the registry does; without, taken as stored.
    static func parseStations(_ text: String, known: Lookup?) throws -> [String: Int] {
        let trimmed = text.trimmingBlanks()
        if trimmed.isEmpty || trimmed.lowercased() == "none" { return [:] }
        var result: [String: Int] = [:]
        for part in trimmed.split(whereSeparator: { ",;".contains($0) }) {
            let pair = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingBlanks() }
            guard pair.count == 2, let count = Int(pair[1]), count >= 0 else {
                throw DomainError.invalid("'\(part)' is not OPERATOR=COUNT (for example viettel=3,vinaphone=1)")
            }
            var name = pair[0]
            if let known {
                guard let canonical = known.canonical(name) else { throw known.unknown(name) }
                name = canonical
            }
            guard result[name] == nil else { throw DomainError.invalid("operator \(name) is given twice") }
            result[name] = count
        }
        return result
    }
}

extension DomainStore {
    /// The telecom operators.
    var telecomOperators: OperatorRegistry { OperatorRegistry(store: self) }
}
