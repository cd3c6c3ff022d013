import NTMCore

/// One rule of criterion 8.1–8.3 as the guidance states it: what is checked, the threshold, and
/// where it comes from. Rules are data — the guidance changes between versions, and `telecom rules`
/// prints exactly what `telecom assess` applies.
public struct TelecomRule: Sendable {
    /// What a rule looks at.
    public enum Check: Sendable, Equatable {
        /// The commune has a postal service point.
        case postalPoint
        /// A condition of the postal point (threshold: hours for ``PostalCondition/openHours``).
        case postalCondition(PostalCondition)
        /// The share of the commune's villages with a property is at least the threshold (percent).
        case villageShare(VillageMeasure)
        /// The commune has a radio station of any kind.
        case radioStation
    }

    /// What a village-share rule counts.
    public enum VillageMeasure: String, Sendable, Equatable {
        /// 4G or 5G mobile service from at least one operator.
        case mobileBroadband
        /// Fibre (fixed broadband) reaches the village.
        case fibre
        /// The commune radio's loudspeakers reach the village.
        case loudspeaker

        /// `with 4G or 5G`, `reached by fibre`, `reached by the loudspeakers`.
        var words: String {
            switch self {
            case .mobileBroadband: return "with 4G or 5G"
            case .fibre: return "reached by fibre"
            case .loudspeaker: return "reached by the loudspeakers"
            }
        }

        /// `lack 4G`, for reasons.
        var lackWords: String {
            switch self {
            case .mobileBroadband: return "lack 4G"
            case .fibre: return "lack fibre"
            case .loudspeaker: return "are not reached by the loudspeakers"
            }
        }

        /// `4G`, `fibre`, `loudspeakers`: what is missing from a village's survey.
        var evidenceWords: String {
            switch self {
            case .mobileBroadband: return "4G"
            case .fibre: return "fibre"
            case .loudspeaker: return "loudspeaker"
            }
        }
    }

    /// `8.1.e`.
    public let id: String
    /// The sub-indicator it belongs to (`8.1`).
    public let criterionID: String
    public let requirement: String
    public let check: Check
    /// Hours for the opening-hours rule; a percentage for village shares; nil otherwise.
    public let threshold: Double?
    public let source: String
}

/// The rules `telecom assess` applies, with their sources.
public enum TelecomRules {
    /// The version of the guidance the rules follow.
    public static let version = "NTM 2021–2025"

    static let decision318 = "Decision 318/QĐ-TTg (8 Mar 2022), national criteria for NTM communes 2021–2025, criterion 8"
    static let ministryGuidance = "Ministry of Information and Communications guidance on the information-and-communications criterion (NTM 2021–2025)"

    /// The rules, in the order they are checked and printed.
    public static let all: [TelecomRule] = [
        TelecomRule(id: "8.1.a", criterionID: "8.1", requirement: "The commune has a postal service point (điểm phục vụ bưu chính)",
                    check: .postalPoint, threshold: nil, source: decision318),
        TelecomRule(id: "8.1.b", criterionID: "8.1", requirement: "The postal point has fixed premises",
                    check: .postalCondition(.premises), threshold: nil, source: ministryGuidance),
        TelecomRule(id: "8.1.c", criterionID: "8.1", requirement: "The postal point has a sign",
                    check: .postalCondition(.sign), threshold: nil, source: ministryGuidance),
        TelecomRule(id: "8.1.d", criterionID: "8.1", requirement: "The postal point's opening hours are posted",
                    check: .postalCondition(.hoursPosted), threshold: nil, source: ministryGuidance),
        TelecomRule(id: "8.1.e", criterionID: "8.1", requirement: "The postal point is open at least 4 hours per working day",
                    check: .postalCondition(.openHours), threshold: 4, source: ministryGuidance),
        TelecomRule(id: "8.1.f", criterionID: "8.1", requirement: "The postal point accepts letters up to 2 kg",
                    check: .postalCondition(.letters), threshold: nil, source: ministryGuidance),
        TelecomRule(id: "8.1.g", criterionID: "8.1", requirement: "The postal point accepts parcels up to 5 kg",
                    check: .postalCondition(.parcels), threshold: nil, source: ministryGuidance),
        TelecomRule(id: "8.2.a", criterionID: "8.2", requirement: "Villages with 4G or 5G mobile service (any operator)",
                    check: .villageShare(.mobileBroadband), threshold: 100, source: decision318),
        TelecomRule(id: "8.2.b", criterionID: "8.2", requirement: "Villages reached by fibre (fixed broadband Internet)",
                    check: .villageShare(.fibre), threshold: 100, source: ministryGuidance),
        TelecomRule(id: "8.3.a", criterionID: "8.3", requirement: "The commune has a radio station (wired, wireless or IP-based)",
                    check: .radioStation, threshold: nil, source: decision318),
        TelecomRule(id: "8.3.b", criterionID: "8.3", requirement: "Villages reached by the radio station's loudspeakers",
                    check: .villageShare(.loudspeaker), threshold: 100, source: decision318),
    ]

    /// The sub-indicators this module judges (8.4 belongs to administrative workflow).
    public static let criterionIDs = ["8.1", "8.2", "8.3"]

    /// The threshold as a person reads it: `at least 4 h a day`, `at least 100% of villages`.
    static func thresholdText(_ rule: TelecomRule) -> String? {
        guard let threshold = rule.threshold else { return nil }
        switch rule.check {
        case .villageShare: return "at least \(CommuneFacilities.hoursText(threshold))% of villages"
        case .postalCondition(.openHours): return "at least \(CommuneFacilities.hoursText(threshold)) h a day"
        default: return CommuneFacilities.hoursText(threshold)
        }
    }
}
