"""Parts of `icao.reader`: the counted channel (plain and SM) and the adaptive file reader."""
