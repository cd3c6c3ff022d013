import Foundation
import Testing
@testable import NTMCore

/// The villages alone, kept for the session beside the unit index: what imports and reports over many
/// villages read. Whatever happened since it was read, it lists the villages as the database has them.
@Suite("Kept village table")
struct VillageTableTests {
    func addVillage(_ workspace: Workspace, _ code: String, _ name: String, parent: String = "07324") throws {
        _ = try workspace.performMutation(context("unit add \(code)")) { store in
            try store.units.add(code: code, name: name, parent: try store.units.resolve(parent))
        }
    }

    func codes(_ workspace: Workspace) throws -> [String] {
        try workspace.read { try $0.units.villageTable().villages.map(\.code) }
    }

    @Test("every village version, in the order added, with its commune and validity as the registry has them")
    func villages() throws {
        let workspace = try memoryWorkspace()
        #expect(try codes(workspace) == [])
        try addVillage(workspace, "0732402", "Thôn Tây")
        try addVillage(workspace, "0732401", "Thôn Đông")
        try addVillage(workspace, "0722201", "Thôn Nam", parent: "07222")
        let table = try workspace.read { try $0.units.villageTable() }
        #expect(table.villages.map(\.code) == ["0732402", "0732401", "0722201"])
        #expect(table.villages.map(\.parentCode) == ["07324", "07324", "07222"])
        for village in table.villages {
            let unit = try workspace.read { try $0.units.resolve(village.code) }
            #expect(village.id == unit.id)
            #expect(village.validFrom == unit.validFrom && village.validTo == unit.validTo)
            #expect(village.isValid(on: unit.validFrom))
        }
    }

    @Test("a village the session adds is in the next read; one rolled back, or written by a failing command, is not")
    func sessionWrites() throws {
        let workspace = try memoryWorkspace()
        try addVillage(workspace, "0732401", "Thôn Đông")
        #expect(try codes(workspace) == ["0732401"])
        try workspace.begin()
        try addVillage(workspace, "0732402", "Thôn Tây")
        #expect(try codes(workspace) == ["0732401", "0732402"])
        try workspace.rollback()
        #expect(try codes(workspace) == ["0732401"])

        let folder = try TemporaryFolder()
        let file = try folder.write("villages.csv", """
            code,name,kind,parent_code
            0732403,Thôn Nam,village,07324
            0732404,Thôn Bắc,village,07399
            """)
        #expect(errorMessage {
            _ = try workspace.performMutation(context("unit import")) { try $0.units.importFile(file) }
        }?.contains("villages.csv:3:") == true)
        #expect(try codes(workspace) == ["0732401"])
    }

    @Test("codes read back as recorded, official ones packed by their digits (leading zeros count)")
    func codes() throws {
        #expect(VillageTable.packedDigits(Array("07324".utf8)) != VillageTable.packedDigits(Array("7324".utf8)))
        #expect(VillageTable.digitsText(VillageTable.packedDigits(Array("0732401".utf8))) == "0732401")
        #expect(VillageTable.packedDigits(Array("X1".utf8)) == 0 && VillageTable.packedDigits([]) == 0)
        #expect(VillageTable.packedDigits(Array("1234567890123456".utf8)) == 0)
        let workspace = try memoryWorkspace()
        try addVillage(workspace, "0732401", "Thôn Đông")
        try workspace.queue.inDatabase { db in
            try db.execute(sql: """
                INSERT INTO unit (code, name, level, kind, parent_code, valid_from, folded_name)
                VALUES ('TD-2', 'Thôn Tây', 'village', 'village', NULL, '2023-01-01', 'thon tay')
                """)
        }
        let villages = try workspace.read { try $0.units.villageTable() }.villages
        #expect(villages.map(\.code) == ["0732401", "TD-2"])
        #expect(villages.map(\.parentCode) == ["07324", nil])
        #expect(villages[0].codeDigits == VillageTable.packedDigits(Array("0732401".utf8)) && villages[1].codeDigits == 0)
        #expect(villages[0] == VillageTable.Village(id: villages[0].id, code: "0732401", parentCode: "07324",
                                                    validFrom: villages[0].validFrom, validTo: villages[0].validTo))
    }

    @Test("a village whose date is no date stops the read with an error naming the text")
    func malformedDate() throws {
        let workspace = try memoryWorkspace()
        try addVillage(workspace, "0732401", "Thôn Đông")
        try workspace.queue.inDatabase { db in
            try db.execute(sql: """
                INSERT INTO unit (code, name, level, kind, parent_code, valid_from, folded_name)
                VALUES ('0732402', 'Thôn Tây', 'village', 'village', '07324', '2023-02-30', 'thon tay')
                """)
        }
        #expect(errorMessage { _ = try workspace.read { try $0.units.villageTable() } }?.contains("2023-02-30") == true)
    }

    @Test("a village another connection commits is in the next read")
    func otherConnection() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("ntm.db")
        let first = try Workspace.open(.file(path), actor: "tester")
        let second = try Workspace.open(.file(path), actor: "tester")
        #expect(try codes(first) == [])
        #expect(try codes(second) == [])
        try addVillage(second, "0732401", "Thôn Đông")
        #expect(try codes(first) == ["0732401"])
        try first.close()
        try second.close()
    }
}
