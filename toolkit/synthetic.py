"""Synthetic schemes of any size, for benchmarks and scale tests.

The texts are built from the bundled sample scheme's real KUK wording, so that
generated schemes read like real ones (lengths, vocabulary), just many more.
"""

from __future__ import annotations

from .scheme import Criterion, Element, Scheme, Unit
from .schemeio import read_scheme, sample_scheme_path


def make_large_scheme(units: int = 30, elements: int = 5, criteria: int = 5) -> Scheme:
    """A valid scheme of ``units × elements × criteria`` KUK (750 by default)."""
    sample = read_scheme(sample_scheme_path())
    texts = [ref.text for ref in sample.iter_criteria()]
    element_titles = [e.title for u in sample.units for e in u.elements]
    built: list[Unit] = []
    counter = 0
    for u in range(units):
        base = sample.units[u % len(sample.units)]
        unit_elements = []
        for e in range(elements):
            kuk = []
            for _k in range(criteria):
                kuk.append(Criterion(text=texts[counter % len(texts)]))
                counter += 1
            title = element_titles[(u * elements + e) % len(element_titles)]
            unit_elements.append(Element(title=title, criteria=kuk))
        built.append(Unit(code=f"J.620100.{100 + u:03d}.01", title=f"{base.title} ({u + 1})",
                          elements=unit_elements))
    return Scheme(code="SKM-SYN-750", title=f"Skema sintetis {units} unit", kind="okupasi",
                  standard=sample.standard, units=built)


__all__ = ["make_large_scheme"]
