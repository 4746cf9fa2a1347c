"""Certificate views, by concept: setup (rule and templates), issuing, register and downloads, verification."""
