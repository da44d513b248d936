"""Where is it? Free-text location of an incident on the scenario map, with its uncertainty.

The package, by job: ``model`` (Resolution, Alternative), ``locator`` (the public Locator and its method order),
``streets`` (addresses, junctions), ``names`` (misspellings, diacritics, unknown names), ``inflection`` (Finnish
case endings), ``generic`` (descriptions of a kind of place), ``relative`` (relations to an anchor), ``chinese``
(transliterations by sound), ``patterns`` (the words and thresholds they read reports with).
"""

from tools.locate.locator import Locator, locate
from tools.locate.model import Alternative, Resolution

__all__ = ["Alternative", "Locator", "Resolution", "locate"]
