import NTMCore
import ShellKit

/// The domain's unit, not Foundation's `Unit` (files here that import Foundation would see both).
typealias Unit = NTMCore.Unit

/// An official in the registry (a trainee): who they are, what they do, whether they manage the programme.
///
/// The registry number is assigned by the system (`training official add` prints it) and never reused.
/// A national ID number, when an import carried one, is kept only as a keyed hash (see ``NationalIDHasher``):
/// ``hasNationalID`` says whether there is one, never what it is.
public struct Official: Equatable, Sendable {
    /// The registry number.
    public var id: Int64
    public var fullName: String
    /// The role's code (`commune-cadre`): see ``Role``.
    public var role: String
    /// Whether the official manages the NTM programme (the `training.managers_trained` population).
    public var isManager: Bool
    public var hasNationalID: Bool

    /// `Nguyễn Văn An (no. 12)`.
    public var label: String { "\(fullName) (no. \(id))" }
}

/// Where an official served from one day to another: a move closes one assignment and opens the next,
/// so the history stays and each day of service counts in exactly one unit.
public struct Assignment: Equatable, Sendable {
    public var officialID: Int64
    public var unitID: Int64
    public var from: Day
    /// The last day served there; nil while serving.
    public var to: Day?

    public func isCurrent(on day: Day) -> Bool { from <= day && (to.map { day <= $0 } ?? true) }
}

/// A role officials hold, from the programme's list (extendable with `training role add`).
public struct Role: Equatable, Sendable {
    public var code: String
    public var name: String

    /// The programme's list: who is to be trained in the NTM programme.
    static let programme: [Role] = [
        Role(code: "steering-board", name: "Commune NTM steering board"),
        Role(code: "management-board", name: "Commune NTM management board"),
        Role(code: "supervision-board", name: "Community supervision board"),
        Role(code: "commune-cadre", name: "Commune cadres and civil servants"),
        Role(code: "seconded-cadre", name: "Seconded cadres"),
        Role(code: "part-time", name: "Part-time workers at commune and village level"),
        Role(code: "village-head", name: "Village heads and Party secretaries"),
        Role(code: "cooperative", name: "Cooperative staff"),
    ]
}

/// How a course is taught.
public enum CourseMode: String, CaseIterable, Sendable {
    case inPerson = "in-person"
    case online
    case blended
}

/// A course: what is taught, by whom, how, for how long, on which topics.
public struct Course: Equatable, Sendable {
    public var id: Int64
    /// Unique without regard to case (`CDS-01`).
    public var code: String
    public var title: String
    public var provider: String
    public var mode: CourseMode
    public var hours: Double
    /// Folded topics (`digital transformation`), in the order given.
    public var topics: [String]

    public func covers(_ topic: String) -> Bool { topics.contains(topic) }
}

/// The topics the indicators look for, and the usual others (any topic may be given).
public enum Topic {
    public static let digitalTransformation = "digital transformation"
    public static let digitalSkills = "digital skills"
    public static let informationSecurity = "information security"
    /// Offered for completion; any other topic is stored as typed (folded).
    public static let known = [digitalTransformation, digitalSkills, informationSecurity, "e-commerce",
                               "e-government", "data", "smart commune"]

    /// Vietnamese names of the topics, folded, as providers write them.
    static let vietnamese: [String: String] = [
        "chuyen doi so": digitalTransformation, "ky nang so": digitalSkills, "an toan thong tin": informationSecurity,
        "an ninh mang": informationSecurity, "thuong mai dien tu": "e-commerce", "chinh quyen dien tu": "e-government",
        "chinh quyen so": "e-government", "du lieu": "data", "xa thong minh": "smart commune",
    ]

    /// The stored form of a topic as typed: folded, and a Vietnamese name replaced by the English one, so
    /// `--topic "chuyển đổi số"` counts for the managers' target like `--topic "digital transformation"`.
    public static func canonical(_ typed: String) -> String {
        let folded = NameFolding.fold(typed)
        return vietnamese[folded] ?? folded
    }
}

/// A course held on dates, at a unit, by a trainer.
public struct TrainingClass: Equatable, Sendable {
    public var id: Int64
    public var courseID: Int64
    public var unitID: Int64
    public var starts: Day
    public var ends: Day
    public var trainer: String?
}

/// Where an enrolment stands.
public enum EnrolmentStatus: String, CaseIterable, Sendable {
    case enrolled, attended, completed, failed, withdrawn
}

/// An official on a course (in a class, or online): status, score, completion and its proof.
public struct Enrolment: Equatable, Sendable {
    public var officialID: Int64
    public var courseID: Int64
    public var classID: Int64?
    public var status: EnrolmentStatus
    public var score: Double?
    public var completedOn: Day?
    /// A certificate number, or the platform's confirmation.
    public var certificate: String?
    /// `entered`, or the import that recorded it (`import roster.csv`).
    public var source: String

    var auditValue: JSONValue {
        .object(["status": .string(status.rawValue), "class": classID.map { .number($0) }, "score": score.map { .number($0) },
                 "completed_on": .text(completedOn?.description), "certificate": .text(certificate)])
    }
}

/// How many officials a unit has in a year, whether or not they are in the registry yet.
public struct Headcount: Equatable, Sendable {
    public var unitID: Int64
    public var year: Int
    /// NTM management officials serving at the unit itself (not those of the units below it).
    public var managers: Int
    /// Commune officials (cadres, civil servants, part-time workers) of a commune-level unit.
    public var officials: Int?
}

/// Counts and percentages for messages.
enum Figures {
    static func count(_ value: Int) -> String { NumberText.grouped(value) }

    static func percent(_ part: Int, of whole: Int) -> Double? {
        whole > 0 ? 100 * Double(part) / Double(whole) : nil
    }

    /// `96.1%`, or `n/a`.
    static func percentText(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// `12.5` or `12` hours.
    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
