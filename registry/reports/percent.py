"""Whole percentages as the rekap, the profil and the programs print them."""


def whole_percent(part: int | None, whole: int | None) -> int | None:
    """`part` of `whole` as a whole percentage rounded down; None when there is no `whole` to divide by.

    Rounded down so that 100% is shown only when the whole is reached (9 of 10 is 90%, 199 of 200 is 99%).
    """
    if not whole:
        return None
    return (part or 0) * 100 // whole
