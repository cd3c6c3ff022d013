/// The provincial plan's targets for 2025 (digital transformation in the NTM programme, Bắc Giang
/// 2021–2025). Each is stored only when its indicator is registered — by the module that brings
/// the indicator, when that module is first installed — so the database never holds a target
/// nobody can measure.
public enum ProvincialPlan {
    public static let targets: [TargetDefinition] = [
        TargetDefinition(indicatorID: "workflow.online_processing", scope: .level(.province), year: 2025, threshold: 95,
                         note: "documents processed online at province level"),
        TargetDefinition(indicatorID: "workflow.online_processing", scope: .level(.district), year: 2025, threshold: 85,
                         note: "documents processed online at district level"),
        TargetDefinition(indicatorID: "workflow.online_processing", scope: .level(.commune), year: 2025, threshold: 60,
                         note: "documents processed online at commune level"),
        TargetDefinition(indicatorID: "ntm.criterion_8_4", scope: .level(.commune), year: 2025, threshold: 97,
                         note: "rural communes applying IT in management and administration (criterion 8.4)"),
        TargetDefinition(indicatorID: "training.managers_trained", scope: .unit("24"), year: 2025, threshold: 100,
                         note: "managers in the programme trained in digital transformation"),
        TargetDefinition(indicatorID: "ntm.smart_communes", scope: .level(.commune), year: 2025, threshold: 15,
                         note: "communes recognised as smart communes"),
    ]
}
