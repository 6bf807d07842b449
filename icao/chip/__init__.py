"""icao/chip"""
