"""Cases of scripts/bench that live in their own modules."""
