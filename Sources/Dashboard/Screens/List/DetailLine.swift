/// One line of the detail pane: a label column and a value.
struct DetailLine {
    var label: String
    var value: String
    var role: StyleRole = .normal
}
