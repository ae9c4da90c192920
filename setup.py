"""Build of marsad's one compiled module (everything else is in pyproject.toml).

``marsad.entities._crfscore`` (Cython) is the NER's per-word featurizer, sentence
scores and Viterbi; :mod:`marsad.entities.features` falls back to the same code in
Python when it is not built (same tags, about twice the CPU time per article).
"""
from setuptools import Extension, setup

try:
    from Cython.Build import cythonize
except ImportError:  # no Cython: marsad runs on its pure-Python NER path
    extensions = []
else:
    extensions = cythonize(
        [Extension("marsad.entities._crfscore", ["marsad/entities/_crfscore.pyx"], extra_compile_args=["-O2"])],
        language_level=3,
    )

setup(ext_modules=extensions)
