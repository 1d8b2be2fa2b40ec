"""The demo registry: facts published about the 13 December 2025 release in Belarus, sourced."""
