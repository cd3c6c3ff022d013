import Foundation

/// One of the 19 national criteria for new-style rural communes (Decision 318/QĐ-TTg, 2022), or
/// one of the sub-indicators of criterion 8 (8.1–8.4).
public struct Criterion: Sendable, Hashable, Identifiable {
    /// `1` … `19`, or `8.1` … `8.4`.
    public let id: String
    public let number: Int
    /// The sub-indicator number (4 for 8.4); nil for a criterion.
    public let sub: Int?
    public let nameVietnamese: String
    public let nameEnglish: String
    public let group: CriterionGroup

    /// The criterion a sub-indicator belongs to (`8` for `8.4`).
    public var parentID: String? { sub == nil ? nil : String(number) }

    /// Whether this is a sub-indicator.
    public var isSubIndicator: Bool { sub != nil }
}

/// The five groups the criteria are arranged in.
public enum CriterionGroup: Int, Sendable, CaseIterable, Hashable {
    case planning = 1
    case infrastructure = 2
    case economy = 3
    case cultureSocietyEnvironment = 4
    case politicalSystemDefence = 5

    public var nameEnglish: String {
        switch self {
        case .planning: return "Planning"
        case .infrastructure: return "Socio-economic infrastructure"
        case .economy: return "Economy and production organisation"
        case .cultureSocietyEnvironment: return "Culture, society and environment"
        case .politicalSystemDefence: return "Political system, defence and security"
        }
    }

    public var nameVietnamese: String {
        switch self {
        case .planning: return "Quy hoạch"
        case .infrastructure: return "Hạ tầng kinh tế - xã hội"
        case .economy: return "Kinh tế và tổ chức sản xuất"
        case .cultureSocietyEnvironment: return "Văn hóa - xã hội - môi trường"
        case .politicalSystemDefence: return "Hệ thống chính trị, quốc phòng và an ninh"
        }
    }

    /// The criteria numbers in the group (`2...9` for infrastructure).
    public var numbers: ClosedRange<Int> {
        switch self {
        case .planning: return 1...1
        case .infrastructure: return 2...9
        case .economy: return 10...13
        case .cultureSocietyEnvironment: return 14...17
        case .politicalSystemDefence: return 18...19
        }
    }
}

/// The catalogue of Decision 318/QĐ-TTg: 19 criteria and criterion 8's four sub-indicators.
public enum CriteriaCatalogue {
    /// The 19 criteria, in order.
    public static let criteria: [Criterion] = [
        make(1, "Quy hoạch", "Planning"),
        make(2, "Giao thông", "Transport"),
        make(3, "Thủy lợi và phòng, chống thiên tai", "Irrigation and disaster prevention"),
        make(4, "Điện", "Electricity"),
        make(5, "Trường học", "Schools"),
        make(6, "Cơ sở vật chất văn hóa", "Cultural facilities"),
        make(7, "Cơ sở hạ tầng thương mại nông thôn", "Rural commercial infrastructure"),
        make(8, "Thông tin và Truyền thông", "Information and communications"),
        make(9, "Nhà ở dân cư", "Housing"),
        make(10, "Thu nhập", "Income"),
        make(11, "Nghèo đa chiều", "Multidimensional poverty"),
        make(12, "Lao động", "Labour"),
        make(13, "Tổ chức sản xuất và phát triển kinh tế nông thôn", "Production organisation and rural economy"),
        make(14, "Giáo dục và Đào tạo", "Education and training"),
        make(15, "Y tế", "Health"),
        make(16, "Văn hóa", "Culture"),
        make(17, "Môi trường và an toàn thực phẩm", "Environment and food safety"),
        make(18, "Hệ thống chính trị và tiếp cận pháp luật", "Political system and access to law"),
        make(19, "Quốc phòng và An ninh", "Defence and security"),
    ]

    /// Criterion 8's sub-indicators.
    public static let subIndicators: [Criterion] = [
        make(8, sub: 1, "Có điểm phục vụ bưu chính", "Postal service point"),
        make(8, sub: 2, "Có dịch vụ viễn thông, internet", "Telecom and Internet services"),
        make(8, sub: 3, "Có đài truyền thanh và hệ thống loa đến các thôn", "Radio loudspeakers reaching every village"),
        make(8, sub: 4, "Có ứng dụng công nghệ thông tin trong công tác quản lý, điều hành",
             "IT applied in management and administration"),
    ]

    /// Criteria and sub-indicators, each criterion followed by its sub-indicators.
    public static let all: [Criterion] = criteria.flatMap { criterion in
        [criterion] + subIndicators.filter { $0.number == criterion.number }
    }

    /// The criterion or sub-indicator with this id (`8`, `8.4`); also accepts `C8.4`, ` 8.4 `.
    public static func criterion(_ text: String) -> Criterion? {
        var id = text.trimmingCharacters(in: .whitespaces)
        if id.hasPrefix("C") || id.hasPrefix("c") { id.removeFirst() }
        if id.hasPrefix("0") && id.count > 1 && !id.hasPrefix("0.") { id.removeFirst() }
        return all.first { $0.id == id }
    }

    /// Parses a criterion id, or an error listing what is accepted.
    public static func parse(_ text: String) throws -> Criterion {
        guard let criterion = criterion(text) else {
            throw DomainError.invalid("unknown criterion '\(text)': expected 1–19 or 8.1–8.4")
        }
        return criterion
    }

    /// The sub-indicators of a criterion (empty for all but 8).
    public static func subIndicators(of number: Int) -> [Criterion] {
        subIndicators.filter { $0.number == number }
    }

    private static func make(_ number: Int, sub: Int? = nil, _ vietnamese: String, _ english: String) -> Criterion {
        let group = CriterionGroup.allCases.first { $0.numbers.contains(number) }!
        return Criterion(id: sub.map { "\(number).\($0)" } ?? String(number), number: number, sub: sub,
                         nameVietnamese: vietnamese, nameEnglish: english, group: group)
    }
}

