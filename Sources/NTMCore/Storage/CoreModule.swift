/// The domain core as a module: the shared tables (units, criteria, assessments, recognition,
/// targets, audit), the province's seed data and the core indicators.
///
/// Always installed first by ``Workspace``; its migrations are `core.v1`, ... On first install it
/// loads the bundled unit registry and the 2025 merger mapping, the 19 criteria of Decision
/// 318/QĐ-TTg, and the provincial plan's 2025 targets for the indicators registered at that time.
public struct CoreModule: DomainModule {
    public init() {}

    public var name: String { "core" }

    public var migrations: [Migration] {
        [Migration("v1", apply: CoreSchema.createVersion1), Migration("v2", apply: CoreSchema.recognitionRevocation),
         Migration("v3", apply: CoreSchema.unitsAboveVillagesIndex)]
    }

    public var indicators: [Indicator] { CoreIndicators.all }

    public func seed(_ store: DomainStore) throws {
        try RegistryLoader.load(into: store)
        try store.criteria.seedCatalogue()
    }
}
