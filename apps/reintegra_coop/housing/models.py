"""Models of the housing area (DESIGN.md); filled in by a later issue."""
