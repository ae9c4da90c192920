"""Evaluation of marsad's output against labelled development sets (``marsad eval``)."""
