import Foundation

/// A recognition title of the NTM programme.
///
/// Communes (xã): `standard` (đạt chuẩn NTM), `advanced` (NTM nâng cao), `model` (NTM kiểu mẫu),
/// `smart` (xã thông minh). Villages: `model` (thôn NTM kiểu mẫu), `smart` (thôn thông minh).
/// Rural districts (huyện): `standard`. The three commune grades nest: an advanced commune
/// also counts as standard, a model commune as advanced and standard.
public enum RecognitionTitle: String, Sendable, CaseIterable, Codable, Comparable {
    case standard, advanced, model, smart

    private var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: RecognitionTitle, rhs: RecognitionTitle) -> Bool { lhs.order < rhs.order }

    /// Parses `standard|advanced|model|smart` (case-insensitive); the error lists them.
    public init(parsing text: String) throws {
        guard let title = RecognitionTitle(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw DomainError.invalid("unknown recognition '\(text)': expected standard, advanced, model or smart")
        }
        self = title
    }

    /// The titles a unit of this kind can receive.
    public static func allowed(for kind: UnitKind) -> [RecognitionTitle] {
        switch kind {
        case .commune: return [.standard, .advanced, .model, .smart]
        case .village: return [.model, .smart]
        case .district: return [.standard]
        default: return []
        }
    }

    /// For grades: the grades that imply this one (`standard` ← advanced, model).
    var impliedBy: [RecognitionTitle] {
        switch self {
        case .standard: return [.standard, .advanced, .model]
        case .advanced: return [.advanced, .model]
        case .model: return [.model]
        case .smart: return [.smart]
        }
    }
}

/// A stored recognition: a unit received a title in a year.
public struct Recognition: Sendable, Equatable {
    public let unit: Unit
    public let title: RecognitionTitle
    /// The year the title was granted; it holds that year and after, while the unit version exists.
    public let year: Int
    public let note: String?
}
