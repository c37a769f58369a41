// Generated from themes/*.toml (the copies in the repository are the ones to edit; a test checks
// they match). Embedded so the binary works from anywhere, e.g. after `swift build` or an install.
enum BuiltinThemes {
    /// Names in the order `t` cycles through them.
    static let names = ["default", "dark", "light", "high-contrast", "monochrome"]

    static let sources: [String: String] = [
        "default": #"""
        # meshtop theme: default. The terminal's own palette on its own background: readable on light and dark terminals.
        # Each table is a StyleRole: fg/bg are "default", an ANSI name, a 0-255 index or "#RRGGBB".

        [normal]
        fg = "default"
        bg = "default"

        [dim]
        fg = "bright-black"
        bg = "default"

        [title]
        fg = "cyan"
        bg = "default"
        bold = true

        [header]
        fg = "default"
        bg = "default"
        bold = true
        underline = true

        [border]
        fg = "bright-black"
        bg = "default"

        [selected]
        fg = "default"
        bg = "default"
        reverse = true

        [changed]
        fg = "yellow"
        bg = "default"
        bold = true

        [statusActive]
        fg = "blue"
        bg = "default"

        [statusDone]
        fg = "green"
        bg = "default"

        [statusFailed]
        fg = "red"
        bg = "default"
        bold = true

        [statusCancelled]
        fg = "magenta"
        bg = "default"

        [statusUnknown]
        fg = "yellow"
        bg = "default"

        [gaugeLow]
        fg = "green"
        bg = "default"

        [gaugeMid]
        fg = "yellow"
        bg = "default"

        [gaugeFull]
        fg = "red"
        bg = "default"
        bold = true

        [progressDone]
        fg = "green"
        bg = "default"

        [progressFailed]
        fg = "red"
        bg = "default"
        bold = true

        [progressTodo]
        fg = "bright-black"
        bg = "default"

        [key]
        fg = "cyan"
        bg = "default"
        bold = true

        [hint]
        fg = "default"
        bg = "default"

        [message]
        fg = "default"
        bg = "default"

        [error]
        fg = "red"
        bg = "default"
        bold = true

        [warning]
        fg = "yellow"
        bg = "default"
        bold = true

        [dialog]
        fg = "default"
        bg = "default"
        reverse = true

        [dialogFocus]
        fg = "default"
        bg = "default"
        bold = true
        underline = true
        """#,
        "dark": #"""
        # meshtop theme: dark. Light text on a dark background, set by the theme.
        # Each table is a StyleRole: fg/bg are "default", an ANSI name, a 0-255 index or "#RRGGBB".

        [normal]
        fg = "#d0d0d0"
        bg = "#1c1c1c"

        [dim]
        fg = "#808080"
        bg = "#1c1c1c"

        [title]
        fg = "#5fd7ff"
        bg = "#1c1c1c"
        bold = true

        [header]
        fg = "#ffffff"
        bg = "#303030"
        bold = true
        underline = true

        [border]
        fg = "#585858"
        bg = "#1c1c1c"

        [selected]
        fg = "#d0d0d0"
        bg = "#1c1c1c"
        reverse = true

        [changed]
        fg = "#ffd75f"
        bg = "#1c1c1c"
        bold = true

        [statusActive]
        fg = "#5fafff"
        bg = "#1c1c1c"

        [statusDone]
        fg = "#87d787"
        bg = "#1c1c1c"

        [statusFailed]
        fg = "#ff5f5f"
        bg = "#1c1c1c"
        bold = true

        [statusCancelled]
        fg = "#d787d7"
        bg = "#1c1c1c"

        [statusUnknown]
        fg = "#ffd75f"
        bg = "#1c1c1c"

        [gaugeLow]
        fg = "#87d787"
        bg = "#1c1c1c"

        [gaugeMid]
        fg = "#ffd75f"
        bg = "#1c1c1c"

        [gaugeFull]
        fg = "#ff5f5f"
        bg = "#1c1c1c"
        bold = true

        [progressDone]
        fg = "#87d787"
        bg = "#1c1c1c"

        [progressFailed]
        fg = "#ff5f5f"
        bg = "#1c1c1c"
        bold = true

        [progressTodo]
        fg = "#4e4e4e"
        bg = "#1c1c1c"

        [key]
        fg = "#5fd7ff"
        bg = "#1c1c1c"
        bold = true

        [hint]
        fg = "#a8a8a8"
        bg = "#1c1c1c"

        [message]
        fg = "#ffffff"
        bg = "#1c1c1c"

        [error]
        fg = "#ff5f5f"
        bg = "#1c1c1c"
        bold = true

        [warning]
        fg = "#ffd75f"
        bg = "#1c1c1c"
        bold = true

        [dialog]
        fg = "#d0d0d0"
        bg = "#303030"
        reverse = true

        [dialogFocus]
        fg = "#ffffff"
        bg = "#005f87"
        bold = true
        underline = true
        """#,
        "light": #"""
        # meshtop theme: light. Dark text on a light background, set by the theme.
        # Each table is a StyleRole: fg/bg are "default", an ANSI name, a 0-255 index or "#RRGGBB".

        [normal]
        fg = "#262626"
        bg = "#f5f5f5"

        [dim]
        fg = "#6c6c6c"
        bg = "#f5f5f5"

        [title]
        fg = "#005f87"
        bg = "#f5f5f5"
        bold = true

        [header]
        fg = "#000000"
        bg = "#dadada"
        bold = true
        underline = true

        [border]
        fg = "#a8a8a8"
        bg = "#f5f5f5"

        [selected]
        fg = "#262626"
        bg = "#f5f5f5"
        reverse = true

        [changed]
        fg = "#875f00"
        bg = "#f5f5f5"
        bold = true

        [statusActive]
        fg = "#005fd7"
        bg = "#f5f5f5"

        [statusDone]
        fg = "#008700"
        bg = "#f5f5f5"

        [statusFailed]
        fg = "#d70000"
        bg = "#f5f5f5"
        bold = true

        [statusCancelled]
        fg = "#870087"
        bg = "#f5f5f5"

        [statusUnknown]
        fg = "#875f00"
        bg = "#f5f5f5"

        [gaugeLow]
        fg = "#008700"
        bg = "#f5f5f5"

        [gaugeMid]
        fg = "#af8700"
        bg = "#f5f5f5"

        [gaugeFull]
        fg = "#d70000"
        bg = "#f5f5f5"
        bold = true

        [progressDone]
        fg = "#008700"
        bg = "#f5f5f5"

        [progressFailed]
        fg = "#d70000"
        bg = "#f5f5f5"
        bold = true

        [progressTodo]
        fg = "#bcbcbc"
        bg = "#f5f5f5"

        [key]
        fg = "#005f87"
        bg = "#f5f5f5"
        bold = true

        [hint]
        fg = "#4e4e4e"
        bg = "#f5f5f5"

        [message]
        fg = "#000000"
        bg = "#f5f5f5"

        [error]
        fg = "#d70000"
        bg = "#f5f5f5"
        bold = true

        [warning]
        fg = "#875f00"
        bg = "#f5f5f5"
        bold = true

        [dialog]
        fg = "#262626"
        bg = "#dadada"
        reverse = true

        [dialogFocus]
        fg = "#ffffff"
        bg = "#005f87"
        bold = true
        underline = true
        """#,
        "high-contrast": #"""
        # meshtop theme: high-contrast. Pure black and white with saturated status colours, for low vision and bright rooms.
        # Each table is a StyleRole: fg/bg are "default", an ANSI name, a 0-255 index or "#RRGGBB".

        [normal]
        fg = "#ffffff"
        bg = "#000000"

        [dim]
        fg = "#c0c0c0"
        bg = "#000000"

        [title]
        fg = "#ffffff"
        bg = "#000000"
        bold = true

        [header]
        fg = "#ffffff"
        bg = "#000000"
        bold = true
        underline = true

        [border]
        fg = "#ffffff"
        bg = "#000000"

        [selected]
        fg = "#ffffff"
        bg = "#000000"
        reverse = true

        [changed]
        fg = "#ffff00"
        bg = "#000000"
        bold = true

        [statusActive]
        fg = "#00ffff"
        bg = "#000000"
        bold = true

        [statusDone]
        fg = "#00ff00"
        bg = "#000000"
        bold = true

        [statusFailed]
        fg = "#ff0000"
        bg = "#000000"
        bold = true

        [statusCancelled]
        fg = "#ff00ff"
        bg = "#000000"

        [statusUnknown]
        fg = "#ffff00"
        bg = "#000000"

        [gaugeLow]
        fg = "#00ff00"
        bg = "#000000"

        [gaugeMid]
        fg = "#ffff00"
        bg = "#000000"

        [gaugeFull]
        fg = "#ff0000"
        bg = "#000000"
        bold = true

        [progressDone]
        fg = "#00ff00"
        bg = "#000000"

        [progressFailed]
        fg = "#ff0000"
        bg = "#000000"
        bold = true

        [progressTodo]
        fg = "#808080"
        bg = "#000000"

        [key]
        fg = "#ffff00"
        bg = "#000000"
        bold = true

        [hint]
        fg = "#ffffff"
        bg = "#000000"

        [message]
        fg = "#ffffff"
        bg = "#000000"

        [error]
        fg = "#ff0000"
        bg = "#000000"
        bold = true

        [warning]
        fg = "#ffff00"
        bg = "#000000"
        bold = true

        [dialog]
        fg = "#ffffff"
        bg = "#000000"
        reverse = true

        [dialogFocus]
        fg = "#ffff00"
        bg = "#000000"
        bold = true
        underline = true
        """#,
        "monochrome": #"""
        # meshtop theme: monochrome. No colours at all: bold, underline and reverse carry the meaning.
        # Each table is a StyleRole: fg/bg are "default", an ANSI name, a 0-255 index or "#RRGGBB".

        [normal]
        fg = "default"
        bg = "default"

        [dim]
        fg = "default"
        bg = "default"

        [title]
        fg = "default"
        bg = "default"
        bold = true

        [header]
        fg = "default"
        bg = "default"
        bold = true
        underline = true

        [border]
        fg = "default"
        bg = "default"

        [selected]
        fg = "default"
        bg = "default"
        reverse = true

        [changed]
        fg = "default"
        bg = "default"
        bold = true

        [statusActive]
        fg = "default"
        bg = "default"
        bold = false

        [statusDone]
        fg = "default"
        bg = "default"
        bold = false

        [statusFailed]
        fg = "default"
        bg = "default"
        bold = true

        [statusCancelled]
        fg = "default"
        bg = "default"
        bold = false

        [statusUnknown]
        fg = "default"
        bg = "default"
        bold = false

        [gaugeLow]
        fg = "default"
        bg = "default"

        [gaugeMid]
        fg = "default"
        bg = "default"
        bold = false

        [gaugeFull]
        fg = "default"
        bg = "default"
        bold = true

        [progressDone]
        fg = "default"
        bg = "default"

        [progressFailed]
        fg = "default"
        bg = "default"
        bold = true

        [progressTodo]
        fg = "default"
        bg = "default"

        [key]
        fg = "default"
        bg = "default"
        bold = true

        [hint]
        fg = "default"
        bg = "default"

        [message]
        fg = "default"
        bg = "default"

        [error]
        fg = "default"
        bg = "default"
        bold = true

        [warning]
        fg = "default"
        bg = "default"
        bold = true

        [dialog]
        fg = "default"
        bg = "default"
        reverse = true

        [dialogFocus]
        fg = "default"
        bg = "default"
        bold = true
        underline = true
        """#,
    ]
}
