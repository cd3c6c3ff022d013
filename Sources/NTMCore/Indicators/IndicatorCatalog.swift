/// The indicators registered by the installed modules, by id.
public struct IndicatorCatalog: Sendable {
    /// In registration order (core first).
    public let all: [Indicator]
    private let byID: [String: Indicator]

    init(modules: [any DomainModule]) throws {
        var all: [Indicator] = []
        var byID: [String: Indicator] = [:]
        for module in modules {
            for indicator in module.indicators {
                guard byID[indicator.id] == nil else {
                    throw DomainError.invalid("indicator '\(indicator.id)' is declared twice (module \(module.name))")
                }
                byID[indicator.id] = indicator
                all.append(indicator)
            }
        }
        self.all = all
        self.byID = byID
    }

    /// The indicator with this id, or nil.
    public subscript(id: String) -> Indicator? { byID[id] }

    /// Whether an indicator is registered.
    public func contains(_ id: String) -> Bool { byID[id] != nil }

    /// The indicator, or an error listing the known ids.
    public func indicator(_ id: String) throws -> Indicator {
        guard let indicator = byID[id] else {
            throw DomainError.notFound("unknown indicator '\(id)': known are " + all.map(\.id).joined(separator: ", "))
        }
        return indicator
    }
}
