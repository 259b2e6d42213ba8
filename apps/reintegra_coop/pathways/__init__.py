"""Pathways out of the workshop (DESIGN.md, "Pathways out"): partner organisations and
employers, referrals with the trainee's consent, job openings matched against the verified work
record, and placements (on-the-job training at an employer)."""
