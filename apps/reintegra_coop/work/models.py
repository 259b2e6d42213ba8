"""Models of the work area (DESIGN.md); filled in by a later issue."""
