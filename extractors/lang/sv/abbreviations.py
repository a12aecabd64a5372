"""Abbreviations whose full stop ends no sentence ("kl. 18", "t.ex. budgeten", "ca. 40 personer")."""

from __future__ import annotations

NON_FINAL_ABBREVIATIONS = (
    "kl", "ca", "t.ex", "t ex", "bl.a", "dvs", "d.v.s", "nr", "resp", "inkl", "exkl", "jfr", "s.k",
    "p.g.a", "pga", "ev", "st", "ordf", "sekr", "enl", "fr.o.m", "t.o.m", "m.fl", "m fl", "tf", "v", "f.d",
)
