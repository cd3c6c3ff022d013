import NTMCore
import ShellKit

/// A mobile network generation, as surveys record it.
public enum Generation: String, CaseIterable, Sendable, Comparable {
    case g2 = "2G", g3 = "3G", g4 = "4G", g5 = "5G"

    /// `2g` … `5g`: the option and the CSV column.
    public var key: String { rawValue.lowercased() }

    public static func < (lhs: Generation, rhs: Generation) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Parses `4G`, `4g`.
    public init?(parsing text: String) {
        guard let generation = Generation(rawValue: text.trimmingBlanks().uppercased()) else { return nil }
        self = generation
    }
}

/// Why a village has no mobile signal (thôn lõm sóng), as the office classifies it.
public enum NoSignalReason: String, CaseIterable, Sendable {
    /// No grid power for a base station.
    case noPower = "no-power"
    /// Too few households for an operator to invest.
    case fewHouseholds = "few-households"
    /// Terrain blocks the signal (valleys, forest).
    case terrain
    case other

    public var words: String {
        switch self {
        case .noPower: return "no grid power"
        case .fewHouseholds: return "too few households"
        case .terrain: return "terrain"
        case .other: return "other reason"
        }
    }
}

/// Operators with service per generation: nil for a generation not surveyed, an empty list for
/// surveyed and none.
///
/// Four fixed slots rather than a dictionary, each holding an ``OperatorList`` (a number) rather than
/// an array of names: an import of ten thousand villages builds, merges, compares and writes one of
/// these per row, and hashing a generation per slot, or retaining and releasing each slot's array at
/// every copy, cost more than the rest of the merge. The names are made when read.
public struct MobileService: Equatable, Sendable, Sequence, ExpressibleByDictionaryLiteral {
    /// 0 for a generation not surveyed, else the list's number plus one.
    private var g2: UInt32 = 0
    private var g3: UInt32 = 0
    private var g4: UInt32 = 0
    private var g5: UInt32 = 0

    public init() {}

    public init(dictionaryLiteral elements: (Generation, [String])...) {
        for (generation, operators) in elements { self[generation] = operators }
    }

    public subscript(generation: Generation) -> [String]? {
        get { self[list: generation]?.names }
        set { self[list: generation] = newValue.map(OperatorList.init) }
    }

    /// A generation's operators as a number (nil: not surveyed).
    subscript(list generation: Generation) -> OperatorList? {
        get {
            let slot: UInt32
            switch generation {
            case .g2: slot = g2
            case .g3: slot = g3
            case .g4: slot = g4
            case .g5: slot = g5
            }
            return slot == 0 ? nil : OperatorList(number: slot - 1)
        }
        set {
            let slot = newValue.map { $0.id + 1 } ?? 0
            switch generation {
            case .g2: g2 = slot
            case .g3: g3 = slot
            case .g4: g4 = slot
            case .g5: g5 = slot
            }
        }
    }

    /// Whether no generation was surveyed.
    public var isEmpty: Bool { g2 == 0 && g3 == 0 && g4 == 0 && g5 == 0 }

    /// The first generation, oldest first, from `generation` on, with an operator's service.
    func firstServed(from generation: Generation = .g2) -> Generation? {
        Generation.allCases.first { $0 >= generation && self[list: $0]?.hasService == true }
    }

    /// The surveyed generations and their operators, oldest generation first.
    public func makeIterator() -> IndexingIterator<[(key: Generation, value: [String])]> {
        var surveyed: [(key: Generation, value: [String])] = []
        for generation in Generation.allCases {
            if let list = self[list: generation] { surveyed.append((generation, list.names)) }
        }
        return surveyed.makeIterator()
    }

    /// This service with what `update` surveyed replacing what is here.
    func merging(_ update: MobileService) -> MobileService {
        var merged = self
        if update.g2 != 0 { merged.g2 = update.g2 }
        if update.g3 != 0 { merged.g3 = update.g3 }
        if update.g4 != 0 { merged.g4 = update.g4 }
        if update.g5 != 0 { merged.g5 = update.g5 }
        return merged
    }
}

/// What one survey found in one village. Every field may be unknown (nil): a survey that did not
/// ask about fibre says nothing about it.
///
/// Rules, checked on every write and repeated as `CHECK`s where SQL can: households with a fixed
/// broadband subscription are part of the households; a no-signal village (thôn lõm sóng) has no
/// mobile service of any generation.
public struct VillageEvidence: Equatable, Sendable {
    /// Operators with service, per generation; an empty list means surveyed and none.
    public var mobile = MobileService()
    public var fibre: Bool?
    public var households: Int?
    /// Households with a fixed broadband subscription.
    public var broadband: Int?
    /// Whether the commune radio's loudspeakers reach the village.
    public var loudspeaker: Bool?
    /// Set when the village is flagged as having no mobile signal.
    public var noSignal: NoSignalReason?

    public init(mobile: MobileService = [:], fibre: Bool? = nil, households: Int? = nil, broadband: Int? = nil,
                loudspeaker: Bool? = nil, noSignal: NoSignalReason? = nil) {
        self.mobile = mobile
        self.fibre = fibre
        self.households = households
        self.broadband = broadband
        self.loudspeaker = loudspeaker
        self.noSignal = noSignal
    }

    /// Whether the village has service of `generation` or a later one (a village with 5G has
    /// mobile broadband as a 4G question asks it); nil when no generation at or above it was surveyed
    /// and the village is not flagged without signal.
    public func hasService(atLeast generation: Generation) -> Bool? {
        if noSignal != nil { return false }
        if mobile.firstServed(from: generation) != nil { return true }
        return Generation.allCases.contains(where: { $0 >= generation && mobile[list: $0] != nil }) ? false : nil
    }

    /// Whether any mobile service was recorded (any generation, any operator); nil when unknown.
    public var hasAnyService: Bool? { hasService(atLeast: .g2) }

    /// The first rule the evidence breaks, if any.
    public var violation: String? {
        if let households, households < 0 { return "households cannot be negative" }
        if let broadband, broadband < 0 { return "broadband households cannot be negative" }
        if let broadband, let households, broadband > households {
            return "broadband households (\(NumberText.grouped(broadband))) cannot exceed households (\(NumberText.grouped(households)))"
        }
        if let noSignal {
            if let first = mobile.firstServed() {
                return "a no-signal village (\(noSignal.rawValue)) cannot have \(first.rawValue) service from "
                    + (mobile[first] ?? []).joined(separator: ", ") + " (give --no-signal none once it has signal)"
            }
        }
        return nil
    }

    /// The evidence with what `update` gives replacing what is here.
    public func merging(_ update: VillageUpdate) -> VillageEvidence {
        var merged = self
        if !update.mobile.isEmpty { merged.mobile = mobile.merging(update.mobile) }
        if let fibre = update.fibre { merged.fibre = fibre }
        if let households = update.households { merged.households = households }
        if let broadband = update.broadband { merged.broadband = broadband }
        if let loudspeaker = update.loudspeaker { merged.loudspeaker = loudspeaker }
        if let noSignal = update.noSignal { merged.noSignal = noSignal.reason }
        return merged
    }

    /// The evidence as an audit value.
    var auditValue: JSONValue {
        func operators(_ generation: Generation) -> JSONValue? {
            mobile[generation].map { .array($0.map { JSONValue.string($0) }) }
        }
        return .object([
            "2g": operators(.g2), "3g": operators(.g3), "4g": operators(.g4), "5g": operators(.g5),
            "fibre": fibre.map { .bool($0) }, "households": households.map { .number($0) },
            "broadband": broadband.map { .number($0) }, "loudspeaker": loudspeaker.map { .bool($0) },
            "no_signal": noSignal.map { .string($0.rawValue) },
        ])
    }

    /// One line for messages: `4G Viettel, VinaPhone; fibre; 120 households, 64 with broadband`.
    public var summary: String {
        var parts: [String] = []
        if let noSignal { parts.append("no signal (\(noSignal.words))") }
        for generation in Generation.allCases.reversed() {
            guard let operators = mobile[generation] else { continue }
            parts.append("\(generation.rawValue) " + (operators.isEmpty ? "none" : operators.joined(separator: ", ")))
        }
        if let fibre { parts.append(fibre ? "fibre" : "no fibre") }
        if let households {
            parts.append("\(NumberText.grouped(households)) households" + (broadband.map { ", \(NumberText.grouped($0)) with broadband" } ?? ""))
        } else if let broadband {
            parts.append("\(NumberText.grouped(broadband)) households with broadband")
        }
        if let loudspeaker { parts.append(loudspeaker ? "loudspeakers" : "no loudspeakers") }
        return parts.isEmpty ? "nothing recorded" : parts.joined(separator: "; ")
    }
}

/// What a `telecom village set` or a survey row gives: nil (or absent) fields keep what is stored.
public struct VillageUpdate: Equatable, Sendable {
    /// A change of the no-signal flag: set with a reason, or cleared (`--no-signal none`).
    public struct NoSignalChange: Equatable, Sendable {
        public var reason: NoSignalReason?
    }

    public var mobile = MobileService()
    public var fibre: Bool?
    public var households: Int?
    public var broadband: Int?
    public var loudspeaker: Bool?
    public var noSignal: NoSignalChange?

    public init() {}

    public var isEmpty: Bool {
        mobile.isEmpty && fibre == nil && households == nil && broadband == nil && loudspeaker == nil && noSignal == nil
    }
}

