import NTMCore
import ShellKit

/// What the office knows about one commune-level unit for one period: how many people live there,
/// how many have an electronic health record (hồ sơ sức khỏe điện tử), how many are insured, and
/// the two inputs to criterion 15 on child nutrition.
///
/// These are *stock* figures — a count of people at a moment — so a question about a year takes
/// the latest period recorded within it, never the sum of its months.
///
/// Not to be confused with hospital electronic medical records (EMR, bệnh án điện tử): those are a
/// facility's records of its patients; this is every resident's lifelong health record.
public struct HealthRecordFigures: Equatable, Sendable {
    /// People living in the unit (the denominator of coverage).
    public var residents: Int
    /// Residents with an electronic health record.
    public var withRecord: Int
    /// Residents with health insurance, when reported.
    public var insured: Int?
    /// Children under 5, when reported.
    public var underFive: Int?
    /// Stunted children under 5 (height for age), when reported; needs ``underFive``.
    public var stuntedUnderFive: Int?

    public init(residents: Int, withRecord: Int, insured: Int? = nil, underFive: Int? = nil, stuntedUnderFive: Int? = nil) {
        self.residents = residents
        self.withRecord = withRecord
        self.insured = insured
        self.underFive = underFive
        self.stuntedUnderFive = stuntedUnderFive
    }

    /// The fields, named as in import files and audit rows.
    public enum Field: String, CaseIterable, Sendable {
        case residents
        case withRecord = "with_ehr"
        case insured
        case underFive = "under5"
        case stuntedUnderFive = "stunted_under5"

        /// Words for messages: `with EHR`, `stunted under 5`.
        public var words: String {
            switch self {
            case .residents: return "residents"
            case .withRecord: return "with EHR"
            case .insured: return "insured"
            case .underFive: return "under 5"
            case .stuntedUnderFive: return "stunted under 5"
            }
        }

        /// The option of `ehr set` that gives it.
        public var option: String {
            switch self {
            case .residents: return "--residents"
            case .withRecord: return "--with-ehr"
            case .insured: return "--insured"
            case .underFive: return "--under5"
            case .stuntedUnderFive: return "--stunted-under5"
            }
        }
    }

    /// The value of a field (nil when not reported).
    public subscript(field: Field) -> Int? {
        switch field {
        case .residents: return residents
        case .withRecord: return withRecord
        case .insured: return insured
        case .underFive: return underFive
        case .stuntedUnderFive: return stuntedUnderFive
        }
    }

    /// A broken rule: which field, and why (a sentence with the numbers).
    public struct Violation: Error, Equatable, Sendable, CustomStringConvertible {
        public var field: Field
        public var reason: String
        public var description: String { reason }
    }

    /// The most people any figure of one commune, ward or township may count: 10,000,000.
    ///
    /// The largest wards of Vietnam have about 200,000 residents; the bound is fifty times that, far
    /// beyond any real commune yet low enough that the sums of every unit of the country stay exact
    /// (a figure of 10^14 or 2^63 is a typing or file error, and would overflow the sums).
    public static let maximumCount = 10_000_000

    /// The first rule the figures break, or nil when they are consistent.
    ///
    /// With EHR, insured and under 5 are parts of the residents; stunted children are part of the
    /// children under 5, and cannot be given without them. Counts are never negative, nor above
    /// ``maximumCount``.
    public var violation: Violation? {
        for field in Field.allCases {
            if let value = self[field], value < 0 {
                return Violation(field: field, reason: "\(field.words) cannot be negative (\(value))")
            }
            if let value = self[field], value > Self.maximumCount {
                return Violation(field: field, reason: "\(field.words) (\(NumberText.grouped(value))) is more than any commune "
                    + "has: at most \(NumberText.grouped(Self.maximumCount)) people")
            }
        }
        func part(_ field: Field, of whole: Field) -> Violation? {
            guard let value = self[field], let total = self[whole], value > total else { return nil }
            return Violation(field: field, reason: "\(field.words) (\(NumberText.grouped(value))) cannot exceed \(whole.words) (\(NumberText.grouped(total)))")
        }
        if let broken = part(.withRecord, of: .residents) ?? part(.insured, of: .residents)
            ?? part(.underFive, of: .residents) ?? part(.stuntedUnderFive, of: .underFive) {
            return broken
        }
        if stuntedUnderFive != nil && underFive == nil {
            return Violation(field: .stuntedUnderFive,
                             reason: "stunted under 5 needs the number of children under 5 (--under5)")
        }
        return nil
    }

    /// EHR coverage in percent, or nil with no residents.
    public var coverage: Double? { Ratio.percent(withRecord, of: residents) }

    /// These figures with the fields of `update` that are given; the rest kept. How `ehr set` and
    /// imports treat what they are not told: a person-level export says nothing about stunting,
    /// so a stunting count from a nutrition survey survives it.
    public func merging(_ update: FiguresUpdate) -> HealthRecordFigures {
        HealthRecordFigures(
            residents: update.residents ?? residents,
            withRecord: update.withRecord ?? withRecord,
            insured: update.insured ?? insured,
            underFive: update.underFive ?? underFive,
            stuntedUnderFive: update.stuntedUnderFive ?? stuntedUnderFive)
    }

    /// The figures as stored in an audit row (aggregates only: never anything about a person).
    public var auditValue: JSONValue {
        .object([
            "residents": .number(residents), "with_ehr": .number(withRecord),
            "insured": insured.map { .number($0) }, "under5": underFive.map { .number($0) },
            "stunted_under5": stuntedUnderFive.map { .number($0) },
        ])
    }
}

/// Some of the figures of a unit and period: what a command or one import row gives. A field that
/// is nil is *not given* (the stored value stays); `.some(nil)` cannot be expressed on purpose —
/// figures are corrected, not blanked.
public struct FiguresUpdate: Equatable, Sendable {
    public var residents: Int?
    public var withRecord: Int?
    public var insured: Int?
    public var underFive: Int?
    public var stuntedUnderFive: Int?

    public init(residents: Int? = nil, withRecord: Int? = nil, insured: Int? = nil, underFive: Int? = nil,
                stuntedUnderFive: Int? = nil) {
        self.residents = residents
        self.withRecord = withRecord
        self.insured = insured
        self.underFive = underFive
        self.stuntedUnderFive = stuntedUnderFive
    }

    /// Complete figures when there is nothing stored yet: residents and with-EHR are required.
    public func asNewFigures() -> HealthRecordFigures? {
        guard let residents, let withRecord else { return nil }
        return HealthRecordFigures(residents: residents, withRecord: withRecord, insured: insured,
                                   underFive: underFive, stuntedUnderFive: stuntedUnderFive)
    }
}

/// Percentages without dividing by zero.
public enum Ratio {
    /// 100 × part ÷ whole, or nil when the whole is 0.
    public static func percent(_ part: Int, of whole: Int) -> Double? {
        whole > 0 ? 100 * Double(part) / Double(whole) : nil
    }

    /// How many more of `whole` must be counted in `part` for the share to reach `threshold` percent:
    /// the smallest k with (part + k) ÷ whole ≥ threshold ÷ 100, computed in whole numbers (thresholds
    /// have at most three decimals), so 95% of 1,000 residents needs exactly 950.
    ///
    /// Computed in 128 bits, so no stored figure can overflow it (the result saturates at `Int.max`).
    public static func shortfall(_ part: Int, of whole: Int, toReach threshold: Double) -> Int {
        let milli = Int128(Int((min(max(threshold, 0), 100) * 1000).rounded()))   // 95.8 → 95800
        let needed = (milli * Int128(whole) + 99_999) / 100_000   // ceil(milli × whole ÷ 100,000)
        return Int(clamping: max(0, needed - Int128(part)))
    }
}

