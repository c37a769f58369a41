import Foundation
import MeshAPI

/// Draws the whole dashboard for a size. Pure: the same state and size give the same screen.
/// Only the visible rows are touched, so 10,000 batches cost what 100 do.
///
///     let screen = render(state, width: 120, height: 40)
public func render(_ state: DashboardState, width: Int, height: Int) -> Screen {
    var renderer = DashboardRenderer(state: state, width: width, height: height)
    renderer.draw()
    renderer.screen.validUntil = renderer.validUntil
    return renderer.screen
}
