"""Package data (JSON); a package so that wheels include it."""
