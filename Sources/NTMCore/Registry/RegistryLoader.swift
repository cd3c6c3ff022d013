/// Builds the unit registry from the two bundled files (see `Data/PROVENANCE.md`).
///
/// What the sources say, and what ntm makes of it:
/// - `bacgiang-units-2023.csv`: the 220 units of Bắc Giang (1 province, 10 district-level, 209
///   commune-level) — loaded as versions valid from 2020-01-01.
/// - `bacgiang-units-2025-mapping.csv`: the 192 commune-level units of 1 January 2025 (code, name,
///   district) and the unit each became on 1 July 2025. Its `old_*` columns are the only record of
///   the 1 January 2025 state, whose mergers (209 → 192) no source maps. So:
///   - a 2023 unit listed with the same name, kind and district continues until 2025-06-30;
///   - a 2023 unit listed with a different name, kind or district (07222 Xã Song Mai → Phường
///     Song Mai; 07261 Xã Tam Hiệp → Xã Tân Hiệp; communes moved from Lục Ngạn to the new Thị xã
///     Chũ, from Yên Dũng to Thành phố Bắc Giang) ends 2024-12-31, and a new version of the same
///     code starts 2025-01-01, linked with basis `same-code` — an inference from the reused code:
///     the sources do not say whether it was a rename or a merger;
///   - the 17 commune-level units of 2023 absent from the mapping (07204 Phường Trần Nguyên Hãn,
///     07267 Xã Hồng Kỳ, ...) end 2024-12-31 with no successor recorded: where they went is not
///     in the sources, and ntm does not guess;
///   - district-level units likewise: Huyện Việt Yên becomes Thị xã Việt Yên (same code 222) on
///     2025-01-01, Thị xã Chũ (224) appears on 2025-01-01 with no predecessor, Huyện Yên Dũng (221)
///     ends 2024-12-31. The 2023 file is stated valid to 31 January 2024, so some of these changes
///     may be older; ntm dates them 1 January 2025, the first day the mapping describes.
/// - On 2025-07-01 every unit still valid ends 2025-06-30: districts are abolished; the province
///   merges into the new Tỉnh Bắc Ninh, which reuses code 24 (a new version, basis
///   `province-merger`); the 58 new communes and wards (parent 24) start 2025-07-01, each linked
///   from its predecessors (basis `mapping`). The new province also covers the former Bắc Ninh
///   province (code 27), whose units are not in the bundled registry.
///
/// Names are kept as written, except "Thị Xã" normalised to "Thị xã".
enum RegistryLoader {
    static let registryStart = Day(2020, 1, 1)
    static let januaryChanges = Day(2025, 1, 1)
    static let julyMergers = Day(2025, 7, 1)
    static let provinceCode = "24"
    static let newProvinceName = "Tỉnh Bắc Ninh"

    /// A unit version being planned, before it has a row id.
    struct Planned {
        var code: String
        var name: String
        var kind: UnitKind
        var parentCode: String?
        var validFrom: Day
        var validTo: Day?
        var key: UnitKey { UnitKey(code: code, validFrom: validFrom) }
    }

    struct Link {
        var predecessor: UnitKey
        var successor: UnitKey
        var effective: Day
        var basis: Succession.Basis
    }

    /// The planned registry: unit versions and links.
    struct Plan {
        var units: [Planned] = []
        var links: [Link] = []
    }

    /// Loads the bundled registry into an empty unit table, audited.
    static func load(into store: DomainStore) throws {
        let plan = try makePlan(units2023: BundledRegistry.units2023CSV, mapping2025: BundledRegistry.mapping2025CSV)
        let registry = store.units
        var stored: [UnitKey: Unit] = [:]
        for planned in plan.units {
            let unit = try registry.insert(Unit(id: 0, code: planned.code, name: planned.name, level: planned.kind.level,
                                                kind: planned.kind, parentCode: planned.parentCode,
                                                validFrom: planned.validFrom, validTo: planned.validTo))
            stored[unit.key] = unit
        }
        for link in plan.links {
            guard let predecessor = stored[link.predecessor], let successor = stored[link.successor] else {
                throw DomainError.invalid("bundled registry: link \(link.predecessor) > \(link.successor) names a missing unit")
            }
            try registry.insertSuccession(predecessor, successor, effective: link.effective, basis: link.basis)
        }
    }

    /// Reads both files and works out every version and link (pure: testable without a database).
    static func makePlan(units2023: String, mapping2025: String) throws -> Plan {
        var plan = Plan()
        // 1. The 2023 registry, valid from 2020-01-01 until further notice.
        let registry = CSVReader(text: units2023, name: "bacgiang-units-2023.csv")
        try expectHeader(registry, ["code", "name", "level", "parent_code", "kind"])
        var current: [String: Int] = [:]   // code → index of its open version in plan.units
        while try registry.next() {
            let row = try registry.fields()
            guard row.count == 5 else { throw registry.error(at: nil, "expected 5 fields, found \(row.count)") }
            let kind = try UnitKind(parsing: row[4])
            guard kind.level.rawValue == row[2] else { throw registry.error(at: 2, "level '\(row[2])' does not fit kind '\(row[4])'") }
            current[row[0]] = plan.units.count
            plan.units.append(Planned(code: row[0], name: normalisedName(row[1]), kind: kind,
                                      parentCode: row[3].isEmpty ? nil : row[3], validFrom: registryStart, validTo: nil))
        }

        // 2. The state of 1 January 2025, from the mapping's old_* columns.
        let mapping = CSVReader(text: mapping2025, name: "bacgiang-units-2025-mapping.csv")
        try expectHeader(mapping, ["old_code", "old_name", "old_district_code", "old_district_name",
                                   "new_code", "new_name", "new_kind"])
        struct MappingRow { var oldCode, oldName, districtCode, districtName, newCode, newName, newKind: String }
        var rows: [MappingRow] = []
        while try mapping.next() {
            let f = try mapping.fields()
            guard f.count == 7 else { throw mapping.error(at: nil, "expected 7 fields, found \(f.count)") }
            rows.append(MappingRow(oldCode: f[0], oldName: normalisedName(f[1]), districtCode: f[2],
                                   districtName: normalisedName(f[3]), newCode: f[4], newName: normalisedName(f[5]), newKind: f[6]))
        }

        /// Applies the 1 January 2025 state of one unit: unchanged, a new version, or a new unit.
        func applyJanuary(code: String, name: String, kind: UnitKind, parentCode: String) {
            if let index = current[code] {
                let old = plan.units[index]
                if old.name == name && old.kind == kind && old.parentCode == parentCode { return }
                plan.units[index].validTo = januaryChanges.previous
                let version = Planned(code: code, name: name, kind: kind, parentCode: parentCode,
                                      validFrom: januaryChanges, validTo: nil)
                plan.links.append(Link(predecessor: old.key, successor: version.key, effective: januaryChanges, basis: .sameCode))
                current[code] = plan.units.count
                plan.units.append(version)
            } else {
                current[code] = plan.units.count
                plan.units.append(Planned(code: code, name: name, kind: kind, parentCode: parentCode,
                                          validFrom: januaryChanges, validTo: nil))
            }
        }

        var januaryDistricts: [String] = []
        for row in rows where !januaryDistricts.contains(row.districtCode) {
            januaryDistricts.append(row.districtCode)
            applyJanuary(code: row.districtCode, name: row.districtName, kind: try kindFromName(row.districtName, level: .district),
                         parentCode: provinceCode)
        }
        for row in rows {
            applyJanuary(code: row.oldCode, name: row.oldName, kind: try kindFromName(row.oldName, level: .commune),
                         parentCode: row.districtCode)
        }
        // Units of 2023 absent on 1 January 2025: ended the day before, successor unknown.
        let januaryCodes = Set(januaryDistricts + rows.map(\.oldCode))
        for (code, index) in current where plan.units[index].kind.level != .province && !januaryCodes.contains(code)
            && plan.units[index].validFrom == registryStart {
            plan.units[index].validTo = januaryChanges.previous
            current[code] = nil
        }

        // 3. 1 July 2025: everything still valid ends; the new province and communes begin.
        let lastDay = julyMergers.previous
        var openBefore: [String: UnitKey] = [:]
        for (code, index) in current where plan.units[index].validTo == nil {
            plan.units[index].validTo = lastDay
            openBefore[code] = plan.units[index].key
        }
        let newProvince = Planned(code: provinceCode, name: newProvinceName, kind: .province, parentCode: nil,
                                  validFrom: julyMergers, validTo: nil)
        plan.units.append(newProvince)
        if let oldProvince = openBefore[provinceCode] {
            plan.links.append(Link(predecessor: oldProvince, successor: newProvince.key, effective: julyMergers, basis: .provinceMerger))
        }
        var newUnits: [String: Planned] = [:]
        for row in rows {
            let kind: UnitKind
            switch row.newKind {
            case "Xã": kind = .commune
            case "Phường": kind = .ward
            default: throw DomainError.invalid("bundled mapping: unknown new_kind '\(row.newKind)' for \(row.newCode)")
            }
            guard try kindFromName(row.newName, level: .commune) == kind else {
                throw DomainError.invalid("bundled mapping: '\(row.newName)' does not match new_kind '\(row.newKind)'")
            }
            if let existing = newUnits[row.newCode] {
                guard existing.name == row.newName && existing.kind == kind else {
                    throw DomainError.invalid("bundled mapping: new code \(row.newCode) named both '\(existing.name)' and '\(row.newName)'")
                }
            } else {
                let unit = Planned(code: row.newCode, name: row.newName, kind: kind, parentCode: provinceCode,
                                   validFrom: julyMergers, validTo: nil)
                newUnits[row.newCode] = unit
                plan.units.append(unit)
            }
            guard let predecessor = openBefore[row.oldCode] else {
                throw DomainError.invalid("bundled mapping: \(row.oldCode) \(row.oldName) is not valid on \(lastDay)")
            }
            plan.links.append(Link(predecessor: predecessor, successor: newUnits[row.newCode]!.key,
                                   effective: julyMergers, basis: .mapping))
        }
        plan.units.sort { $0.key < $1.key }
        return plan
    }

    private static func expectHeader(_ reader: CSVReader, _ expected: [String]) throws {
        let header = try reader.readHeader()
        guard header == expected else {
            throw ImportError(file: reader.name, line: 1, reason: "expected the header \(expected.joined(separator: ",")), "
                              + "found \(header.joined(separator: ","))")
        }
    }

    /// `Thị Xã Việt Yên` → `Thị xã Việt Yên`; other names unchanged.
    static func normalisedName(_ name: String) -> String {
        name.hasPrefix("Thị Xã ") ? "Thị xã " + name.dropFirst("Thị Xã ".count) : name
    }

    /// The kind a name's first words announce, among the kinds of a level.
    static func kindFromName(_ name: String, level: UnitLevel) throws -> UnitKind {
        let folded = NameFolding.fold(name)
        for kind in UnitKind.kinds(at: level) where folded.hasPrefix(NameFolding.fold(kind.vietnamesePrefix) + " ") {
            return kind
        }
        throw DomainError.invalid("bundled registry: cannot tell the kind of '\(name)'")
    }
}
