"""icao/pace"""
