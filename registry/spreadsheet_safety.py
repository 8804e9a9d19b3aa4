"""Formula injection: a cell that starts with =, +, -, @, tab or carriage return may run in Excel.

Every export passes text cells through `neutralise`, which puts an apostrophe in front (Excel shows the text as
typed and never evaluates it); every import passes text through `restore`, so exporting and importing a list
back is a no-op. See OWASP "CSV Injection".
"""

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """`value` made safe for a spreadsheet cell; non-text values are returned unchanged."""
    if isinstance(value, str) and value.startswith(DANGEROUS_STARTS):
        return "'" + value
    return value


def restore(text: str) -> str:
    """The inverse of `neutralise` for text read back from a file (after whitespace cleaning)."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        return text[1:]
    return text
