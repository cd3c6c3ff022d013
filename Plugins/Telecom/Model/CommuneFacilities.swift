import NTMCore

/// The commune radio station (đài truyền thanh xã), by how it reaches the loudspeakers.
public enum RadioStation: String, CaseIterable, Sendable {
    case none, wired, wireless
    /// IP-based (truyền thanh ứng dụng công nghệ thông tin – viễn thông).
    case ip

    public var words: String {
        switch self {
        case .none: return "no radio station"
        case .wired: return "a wired radio station"
        case .wireless: return "a wireless radio station"
        case .ip: return "an IP-based radio station"
        }
    }
}

/// The conditions the guidance asks of a postal service point (điểm phục vụ bưu chính), each a
/// yes/no the office records.
public enum PostalCondition: String, CaseIterable, Sendable {
    case premises, sign
    case hoursPosted = "hours-posted"
    /// Open at least the hours the rules ask per working day (recorded as hours, see ``CommuneFacilities/openHours``).
    case openHours = "open-hours"
    case letters = "letters-2kg"
    case parcels = "parcels-5kg"
}

/// What the office recorded about a commune on a survey date: the postal service point and its
/// conditions, the radio station, base stations per operator. Nil fields are unknown.
public struct CommuneFacilities: Equatable, Sendable {
    /// Whether the commune has a postal service point at all.
    public var postalPoint: Bool?
    /// Fixed premises.
    public var premises: Bool?
    /// A sign at the point.
    public var sign: Bool?
    /// Opening hours posted.
    public var hoursPosted: Bool?
    /// Hours open per working day.
    public var openHours: Double?
    /// Accepts letters up to 2 kg.
    public var letters: Bool?
    /// Accepts parcels up to 5 kg.
    public var parcels: Bool?
    public var radio: RadioStation?
    /// Base stations (BTS) in the commune, per operator.
    public var baseStations: [String: Int]?

    public init() {}

    /// The evidence with what `update` gives replacing what is here.
    public func merging(_ update: CommuneFacilities) -> CommuneFacilities {
        var merged = self
        merged.postalPoint = update.postalPoint ?? postalPoint
        merged.premises = update.premises ?? premises
        merged.sign = update.sign ?? sign
        merged.hoursPosted = update.hoursPosted ?? hoursPosted
        merged.openHours = update.openHours ?? openHours
        merged.letters = update.letters ?? letters
        merged.parcels = update.parcels ?? parcels
        merged.radio = update.radio ?? radio
        merged.baseStations = update.baseStations ?? baseStations
        return merged
    }

    public var isEmpty: Bool { self == CommuneFacilities() }

    /// The first rule the evidence breaks, if any.
    public var violation: String? {
        if let openHours, !(0...24).contains(openHours) { return "open hours must be between 0 and 24 (got \(Self.hoursText(openHours)))" }
        if let baseStations, let negative = baseStations.first(where: { $0.value < 0 }) {
            return "base stations of \(negative.key) cannot be negative"
        }
        return nil
    }

    /// Base stations in all, when recorded.
    public var totalBaseStations: Int? { baseStations.map { $0.values.reduce(0, +) } }

    /// `Viettel=3;VinaPhone=1`, operators by name: how files and audit rows write base stations.
    public static func baseStationsText(_ stations: [String: Int]) -> String {
        stations.keys.sorted().map { "\($0)=\(stations[$0]!)" }.joined(separator: ";")
    }

    var auditValue: JSONValue {
        .object([
            "postal_point": postalPoint.map { .bool($0) }, "premises": premises.map { .bool($0) },
            "sign": sign.map { .bool($0) }, "hours_posted": hoursPosted.map { .bool($0) },
            "open_hours": openHours.map { .number($0) }, "letters_2kg": letters.map { .bool($0) },
            "parcels_5kg": parcels.map { .bool($0) }, "radio": radio.map { .string($0.rawValue) },
            "base_stations": baseStations.map { .string(Self.baseStationsText($0)) },
        ])
    }

    /// One line for messages.
    public var summary: String {
        var parts: [String] = []
        if let postalPoint {
            if postalPoint {
                var point = "postal point"
                let conditions: [(Bool?, String)] = [(premises, "premises"), (sign, "sign"), (hoursPosted, "hours posted"),
                                                      (letters, "letters to 2 kg"), (parcels, "parcels to 5 kg")]
                let known = conditions.compactMap { value, words in value.map { $0 ? words : "no \(words)" } }
                    + (openHours.map { ["open \(Self.hoursText($0)) h a day"] } ?? [])
                if !known.isEmpty { point += " (" + known.joined(separator: ", ") + ")" }
                parts.append(point)
            } else {
                parts.append("no postal point")
            }
        }
        if let radio { parts.append(radio.words) }
        if let baseStations {
            parts.append("base stations " + (baseStations.isEmpty ? "none"
                : baseStations.keys.sorted().map { "\($0) \(baseStations[$0]!)" }.joined(separator: ", ")))
        }
        return parts.isEmpty ? "nothing recorded" : parts.joined(separator: "; ")
    }

    static func hoursText(_ hours: Double) -> String {
        hours == hours.rounded() ? String(Int(hours)) : String(hours)
    }
}

/// One member of a community digital-technology team (tổ công nghệ số cộng đồng).
public struct TeamMember: Equatable, Sendable {
    public var name: String
    public var role: String

    public init(name: String, role: String) {
        self.name = name
        self.role = role
    }
}
