"""Finding damaged spans. Each detector proposes candidates; plausibility decides."""
