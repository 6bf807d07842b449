"""icao/lds"""
