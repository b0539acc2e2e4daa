"""Lookup keys for people's names: what makes "meetings of Lavrov" an index lookup.

A store cannot look up a part of a string through an index, only a whole value. So each person
carries ``dip:nameKey`` values: every name an article gave them and every word of it, in
lower case without accents or punctuation ("Sergey Lavrov" gives "sergey lavrov", "sergey" and
"lavrov"). A query parameter of type ``name`` is normalised the same way (``kb.text.name_key``)
and matched exactly.
"""

from __future__ import annotations

from collections.abc import Iterable

from kb.text import name_key


def name_keys(names: Iterable[str]) -> list[str]:
    """The keys of a person with these names: each whole name and each word of two letters or more."""
    keys: dict[str, None] = {}
    for name in names:
        key = name_key(name)
        if key:
            keys[key] = None
            keys.update(dict.fromkeys(w for w in key.split() if len(w) > 1))
    return sorted(keys)
