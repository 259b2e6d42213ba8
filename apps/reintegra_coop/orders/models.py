"""Models of the orders area (DESIGN.md); filled in by a later issue."""
