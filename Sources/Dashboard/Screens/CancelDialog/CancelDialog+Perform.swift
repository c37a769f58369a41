/// The cancel dialog's commands.
extension CancelDialog: DashboardScreen {
    mutating func perform(_ command: Command, in app: DashboardState) -> [ScreenEffect] {
        switch command {
        case .dialogSwitch: yesFocused.toggle()
        case .dialogYes: return [.closeOverlay, .cancelBatch(batchID)]
        case .dialogConfirm: return yesFocused ? [.closeOverlay, .cancelBatch(batchID)] : [.closeOverlay]
        case .dialogNo: return [.closeOverlay]
        default: break
        }
        return []
    }
}
