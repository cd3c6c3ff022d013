import NTMCore

/// How a dossier reached the one-stop shop.
enum Channel: Int, CaseIterable, Sendable {
    case inPerson = 0
    case online = 1
    case postal = 2

    /// The word in import files: `in_person`, `online`, `postal`.
    var key: String { ["in_person", "online", "postal"][rawValue] }
    /// Words for people.
    var words: String { ["in person", "online", "public postal service"][rawValue] }
    static func parse(_ text: String) -> Channel? {
        switch text {
        case "online": return .online
        case "in_person": return .inPerson
        case "postal": return .postal
        default: break
        }
        switch text.lowercased() {
        case "in_person", "in person", "direct", "truc_tiep": return .inPerson
        case "online", "truc_tuyen": return .online
        case "postal", "post", "buu_chinh", "bcci": return .postal
        default: return nil
        }
    }
}

/// The online service level a procedure is offered at.
enum ServiceLevel: Int, CaseIterable, Sendable {
    case notOnline = 0
    case partlyOnline = 1
    case fullProcessOnline = 2

    var key: String { ["not_online", "partly_online", "full_online"][rawValue] }
    var words: String { ["not online", "partly online", "full-process online"][rawValue] }
    static func parse(_ text: String) -> ServiceLevel? {
        switch text {
        case "full_online": return .fullProcessOnline
        case "partly_online": return .partlyOnline
        case "not_online": return .notOnline
        default: break
        }
        switch text.lowercased() {
        case "not_online", "none", "0": return .notOnline
        case "partly_online", "partial", "partly", "1": return .partlyOnline
        case "full_online", "full", "full_process", "full_process_online", "2": return .fullProcessOnline
        default: return nil
        }
    }
}

/// The ten statuses the national public-service portal synchronises, numbered as it numbers them.
enum DossierStatus: Int, CaseIterable, Sendable {
    case newlyRegistered = 1
    case received = 2
    case notReceived = 3
    case inProcess = 4
    case supplementRequested = 5
    case paymentRequested = 6
    case withdrawalRequested = 7
    case stopped = 8
    case finished = 9
    case returned = 10

    var key: String {
        switch self {
        case .newlyRegistered: return "new"
        case .received: return "received"
        case .notReceived: return "not_received"
        case .inProcess: return "in_process"
        case .supplementRequested: return "supplement_requested"
        case .paymentRequested: return "payment_requested"
        case .withdrawalRequested: return "withdrawal_requested"
        case .stopped: return "stopped"
        case .finished: return "finished"
        case .returned: return "returned"
        }
    }

    var words: String {
        switch self {
        case .newlyRegistered: return "newly registered"
        case .received: return "received"
        case .notReceived: return "not received"
        case .inProcess: return "in process"
        case .supplementRequested: return "additional documents requested"
        case .paymentRequested: return "financial obligation requested"
        case .withdrawalRequested: return "withdrawal requested by the citizen"
        case .stopped: return "processing stopped"
        case .finished: return "processing finished"
        case .returned: return "result returned"
        }
    }

    private static let byKey: [String: DossierStatus] = {
        var keys: [String: DossierStatus] = [:]
        for status in allCases {
            keys[status.key] = status
            keys[String(status.rawValue)] = status
        }
        return keys
    }()

    /// By key (`in_process`) or by the portal's number (`4`).
    static func parse(_ text: String) -> DossierStatus? {
        if let status = byKey[text] { return status }
        if let number = Int(text) { return DossierStatus(rawValue: number) }
        let key = text.lowercased().replacing(" ", with: "_")
        return allCases.first { $0.key == key }
    }

    static var keys: String { allCases.map(\.key).joined(separator: ", ") }
}

/// One dossier as stored: what the report, the verdict and `dossier show` read. Days are day numbers.
struct Dossier: Equatable, Sendable {
    var code: String
    var procedureID: Int64
    var unitID: Int64
    var channel: Channel
    var serviceLevel: ServiceLevel
    var status: DossierStatus
    var clock: DossierClock
    var resultElectronic: Bool
    var digitised: Bool
    var feePaidOnline: Bool
}
