import Testing
@testable import Dashboard

/// An export is named after what was exported, so exports of different selections never share a
/// file; names made of anyone's text (error codes, searches, ids) cannot leave the folder.
@Suite struct ExportNameTests {
    @Test func theSuffixNamesTheFilters() {
        #expect(ItemsQuery().exportSuffix == "items")
        #expect(ItemsQuery(outcome: .failed).exportSuffix == "failed")
        #expect(ItemsQuery(outcome: .failed, errorCode: "upstream_error").exportSuffix == "failed-upstream_error")
        #expect(ItemsQuery(outcome: .notRun).exportSuffix == "not-run")
        #expect(ItemsQuery(errorCode: "rate_limited", search: "doc 7").exportSuffix == "rate_limited-search-doc_7")
        // Sorting is not a selection: the same items, the same name.
        #expect(ItemsQuery(sort: .customID, reversed: true).exportSuffix == "items")
    }

    @Test func hostileTextCannotLeaveTheFolder() {
        let suffix = ItemsQuery(errorCode: "../../etc/passwd\u{1B}[2J", search: "/tmp/x").exportSuffix
        #expect(!suffix.contains("/") && !suffix.unicodeScalars.contains { $0.value < 0x20 })
        #expect(ItemsQuery.fileNamePart("..") == "__")
        #expect(ItemsQuery.fileNamePart("batch_01jd/../x") == "batch_01jd_.._x")
        #expect(ItemsQuery(errorCode: String(repeating: "e", count: 500)).exportSuffix.count == 40)
    }
}
