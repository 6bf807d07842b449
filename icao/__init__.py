"""icao"""
