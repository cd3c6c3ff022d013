import GRDB

/// A part of the domain that brings its own tables, indicators and default targets: the core,
/// and each plugin (e-health, training, telecom, workflow).
///
/// The workspace installs registered modules in order (the core first): it applies each
/// module's pending migrations, and the first time a module is installed it runs ``seed(_:)``
/// and stores its default targets — only those whose indicator is registered.
public protocol DomainModule: Sendable {
    /// Short lowercase name, the namespace of its migrations (`ehr` → `ehr.v1`).
    var name: String { get }
    /// Ordered schema migrations; never edit a shipped one, append a new one.
    var migrations: [Migration] { get }
    /// Indicators the module computes.
    var indicators: [Indicator] { get }
    /// Targets stored the first time the module is installed.
    var defaultTargets: [TargetDefinition] { get }
    /// Initial data, written once right after the module's first migrations, inside the same
    /// transaction; mutations through `store` are audited like any other.
    func seed(_ store: DomainStore) throws
}

extension DomainModule {
    public var indicators: [Indicator] { [] }
    public var defaultTargets: [TargetDefinition] { [] }
    public func seed(_ store: DomainStore) throws {}
}

/// One schema step of a module: `identifier` is local (`v1`); the stored one is namespaced
/// (`ehr.v1`) so modules never collide.
public struct Migration: Sendable {
    public let identifier: String
    public let apply: @Sendable (Database) throws -> Void

    public init(_ identifier: String, apply: @escaping @Sendable (Database) throws -> Void) {
        self.identifier = identifier
        self.apply = apply
    }
}
