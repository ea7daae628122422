"""Every state change of Chapter 8, each in one transaction with an explicit actor (STYLE.md)."""
