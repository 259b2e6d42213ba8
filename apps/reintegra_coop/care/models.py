"""Models of the care area (DESIGN.md); filled in by a later issue."""
