"""What a reader sees of a text: which characters are drawn, and which are blanks, fillers, joiners
or marks that render as nothing. A required text made only of the latter is empty, and two names
that differ only in them (or in case) are one name to a reader."""

import unicodedata

# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt), which renders as nothing, and
# the blanks that are letters or symbols by category but are drawn empty (Braille's blank pattern).
# Python's unicodedata has categories but not this property.
INVISIBLE = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x2800, 0x2800),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)


def seen(character: str) -> bool:
    """True for a character drawn as something: a letter, digit, punctuation or symbol (category L, N,
    P or S) that is not default-ignorable or blank. Spaces, controls, format characters and marks
    (which only change the character they follow) are not seen on their own."""
    code = ord(character)
    if code < 0x80:  # ASCII, the common case: its printable characters, bar the space, are drawn
        return 0x21 <= code <= 0x7E
    return unicodedata.category(character)[0] in "LNPS" and not any(lo <= code <= hi for lo, hi in INVISIBLE)


def visible(text: str) -> bool:
    """True if the text holds a character a reader can see, so that a required reason or attribution
    made only of fillers, blanks, joiners or marks is empty."""
    return any(seen(c) for c in text)


def seen_form(text: str) -> str:
    """The text as a reader tells it apart: compatibility forms folded, case folded, and only the
    characters that are drawn kept."""
    return "".join(c for c in unicodedata.normalize("NFKC", text).casefold() if seen(c))
