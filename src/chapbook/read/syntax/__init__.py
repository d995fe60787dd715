"""Our own markdown-it plugins, each a `plugin(md)` function (markdown-it-py style)."""
