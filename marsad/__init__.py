"""marsad (مرصد): an observatory for Arabic news from many outlets."""

__version__ = "0.1.0"
