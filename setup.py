"""Build of marsad's compiled modules (everything else is in pyproject.toml).

``marsad.entities._crfscore`` (Cython) is the NER's per-word featurizer, sentence
scores and Viterbi; ``marsad.arabic._normalize`` applies normalize's character table.
Both are optional: without them the same code runs in Python (same results, about
twice the CPU time per article in the per-article layer).
"""
from setuptools import Extension, setup

try:
    from Cython.Build import cythonize
except ImportError:  # no Cython: marsad runs on its pure-Python NER path
    extensions = []
else:
    extensions = cythonize(
        [
            Extension("marsad.entities._crfscore", ["marsad/entities/_crfscore.pyx"], extra_compile_args=["-O2"]),
            Extension("marsad.arabic._normalize", ["marsad/arabic/_normalize.pyx"], extra_compile_args=["-O2"]),
        ],
        language_level=3,
    )

setup(ext_modules=extensions)
