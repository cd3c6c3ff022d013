import NTMCore

/// A public health facility and whether it is connected online to the central hospitals
/// (remote consultation, telemedicine).
///
/// Three tiers: provincial hospitals, district health centres, commune health stations. The
/// province reported 100% of its provincial and district facilities connected; commune stations
/// are listed too, but the indicator counts the two upper tiers only.
public struct HealthFacility: Equatable, Sendable {
    /// The tier of a facility, and the level of the unit it serves.
    public enum Level: String, CaseIterable, Sendable {
        /// A provincial hospital (bệnh viện tuyến tỉnh): serves the province.
        case provincial
        /// A district health centre (trung tâm y tế huyện): serves a district.
        case district
        /// A commune health station (trạm y tế xã): serves a commune, ward or township.
        case commune

        /// The level of the unit a facility of this tier serves.
        public var unitLevel: UnitLevel {
            switch self {
            case .provincial: return .province
            case .district: return .district
            case .commune: return .commune
            }
        }

        /// `a provincial hospital`, for messages.
        public var description: String {
            switch self {
            case .provincial: return "a provincial hospital"
            case .district: return "a district health centre"
            case .commune: return "a commune health station"
            }
        }

        /// Whether the `ehr.facilities_connected` indicator counts this tier.
        public var countsForConnection: Bool { self != .commune }
    }

    public var id: Int64
    public var name: String
    public var level: Level
    /// The unit the facility serves (province, district or commune-level unit, by its tier).
    public var unitID: Int64
    /// The day it was connected online to the central hospitals; nil when it is not.
    public var connectedSince: Day?

    public init(id: Int64, name: String, level: Level, unitID: Int64, connectedSince: Day?) {
        self.id = id
        self.name = name
        self.level = level
        self.unitID = unitID
        self.connectedSince = connectedSince
    }

    /// Whether it was connected on that day.
    public func isConnected(on day: Day) -> Bool {
        connectedSince.map { $0 <= day } ?? false
    }

    /// The facility as stored in an audit row.
    func auditValue(unitCode: String) -> JSONValue {
        .object(["name": .string(name), "level": .string(level.rawValue), "unit": .string(unitCode),
                 "connected_since": .text(connectedSince?.description)])
    }
}
