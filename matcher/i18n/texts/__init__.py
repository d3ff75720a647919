"""The catalogue's entries, one module per area; each module defines `TEXTS: dict[str, T]`.

Keys are dotted, starting with the area (`report.`, `compare.`, `rule.`, `cli.`, `workbook.`,
`app.`, ...). Swedish is written first: it is the coordinator's language.
"""
