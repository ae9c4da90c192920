# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
""":func:`marsad.arabic.normalize.normalize`, compiled (Cython).

The Python function maps the characters of its table with one ``re.sub`` whose
callback runs once per mapped character (أ → ا, ة → ه, a deleted diacritic …: a dozen
in a paragraph of news), then collapses whitespace runs. Here the table is an array
indexed by code point and the text is mapped in one C loop; the whitespace rules are
the same Python regexes, applied in the same case. Same output for every text
(``tests/test_arabic_normalize.py`` compares the two)."""
from libc.stdlib cimport malloc, free
from cpython.unicode cimport PyUnicode_GET_LENGTH


cdef extern from "Python.h":
    int PyUnicode_KIND(object o)
    void* PyUnicode_DATA(object o)
    Py_UCS4 PyUnicode_READ(int kind, void* data, Py_ssize_t index)
    object PyUnicode_FromKindAndData(int kind, const void* buffer, Py_ssize_t size)
    int PyUnicode_4BYTE_KIND


cdef class Normalizer:
    """Callable: ``normalize(text)`` from the character table (code point →
    replacement, all below U+10000) and the whitespace rule (a function applied when
    the mapped text holds a double space or a line break)."""

    cdef list replacement
    cdef object whitespace

    def __init__(self, dict table, whitespace):
        self.replacement = [None] * 65536
        for cp, out in table.items():
            if cp >= 65536:
                raise ValueError("normalize table beyond the BMP")
            self.replacement[cp] = out
        self.whitespace = whitespace

    def __call__(self, str text):
        cdef str mapped = self.map(text)
        if "  " in mapped or "\n" in mapped:
            return self.whitespace(mapped)
        return mapped

    cpdef str map(self, str text):
        """``text`` with each character of the table replaced."""
        cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), i, j, m, size = 0
        cdef int kind = PyUnicode_KIND(text)
        cdef void* data = PyUnicode_DATA(text)
        cdef Py_UCS4 c
        cdef object out
        cdef str piece
        cdef bint changed = False
        for i in range(n):  # the output's length (and whether anything changes)
            c = PyUnicode_READ(kind, data, i)
            out = self.replacement[<Py_ssize_t>c] if c < 65536 else None
            if out is None:
                size += 1
            else:
                changed = True
                size += PyUnicode_GET_LENGTH(<str>out)
        if not changed:
            return text
        cdef Py_UCS4* buf = <Py_UCS4*>malloc((size + 1) * sizeof(Py_UCS4))
        if buf == NULL:
            raise MemoryError()
        size = 0
        try:
            for i in range(n):
                c = PyUnicode_READ(kind, data, i)
                out = self.replacement[<Py_ssize_t>c] if c < 65536 else None
                if out is None:
                    buf[size] = c
                    size += 1
                    continue
                piece = out
                m = PyUnicode_GET_LENGTH(piece)
                for j in range(m):
                    buf[size] = PyUnicode_READ(PyUnicode_KIND(piece), PyUnicode_DATA(piece), j)
                    size += 1
            return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, size)
        finally:
            free(buf)


def count_in_ranges(str text, tuple first, tuple second):
    """``(characters of text in the ranges first, … in the ranges second)``; each
    range ``(lo, hi)`` of code points, both ends included."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), i, k, a = 0, b = 0
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef Py_UCS4 c
    cdef Py_ssize_t n1 = len(first), n2 = len(second)
    cdef Py_UCS4 lo1[16]
    cdef Py_UCS4 hi1[16]
    cdef Py_UCS4 lo2[16]
    cdef Py_UCS4 hi2[16]
    if n1 > 16 or n2 > 16:
        raise ValueError("at most 16 ranges")
    for k in range(n1):
        lo1[k], hi1[k] = first[k]
    for k in range(n2):
        lo2[k], hi2[k] = second[k]
    for i in range(n):
        c = PyUnicode_READ(kind, data, i)
        for k in range(n1):
            if lo1[k] <= c <= hi1[k]:
                a += 1
                break
        for k in range(n2):
            if lo2[k] <= c <= hi2[k]:
                b += 1
                break
    return a, b
