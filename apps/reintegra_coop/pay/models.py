"""Models of the pay area (DESIGN.md); filled in by a later issue."""
