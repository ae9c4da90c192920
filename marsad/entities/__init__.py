"""Entities: named-entity recognition (:mod:`marsad.entities.ner`) and, built on it,
canonical entities, quotes and the timeline."""
