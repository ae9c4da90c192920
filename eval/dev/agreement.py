"""Inter-labeller agreement on the overlaps of the two development sets (eval/dev/README.md).

    python eval/dev/agreement.py

Pairs (labellers a and b overlap on pairs 140–199; readers c and d both labelled the
developing-story pairs 340–439, ``pairs_gold_c_a.jsonl`` and ``pairs_gold_c_b.jsonl``): share of equal labels and Cohen's
kappa on the four labels and on the binary decisions "same event" (SAME_EVENT vs rest)
and "same storyline" (SAME_EVENT or SAME_STORY vs rest); the disagreeing pairs are listed.
Who said what (overlap: the articles both files have): statements found by both / by
either (matched by anchor overlap, the rule ``marsad eval quotes`` uses), speaker,
speaker_text and kind agreement on shared statements, entities shared (by name or a
form) / union, exact forms shared / union, date values shared / union, not_quotes
shared / union.
The fresh set (``wsw_sample_c``, 24 articles labelled whole by both a and b:
``wsw_gold_c_a.jsonl``, ``wsw_gold_c_b.jsonl``) is compared by the scorer's own rules
(:func:`marsad.evaluation.who_said_what.overlaps` for anchors, ``same_name`` for
speakers); ``--list`` prints each disagreement of that set, article by article; ``--gold`` also
compares each reader with the adjudicated ``wsw_gold_c.jsonl``, and readers c and d of the
developing-story pairs with the adjudicated ``pairs_gold_c.jsonl`` (g).
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
from marsad.evaluation.who_said_what import MIN_SHARED_WORDS, text_key  # noqa: E402

LABELS = ("SAME_EVENT", "SAME_STORY", "SAME_TOPIC", "UNRELATED")


def rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (HERE / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def kappa(x: list, y: list) -> tuple[float, float]:
    n = len(x)
    observed = sum(i == j for i, j in zip(x, y)) / n
    cx, cy = Counter(x), Counter(y)
    expected = sum(cx[k] * cy[k] for k in set(cx) | set(cy)) / n / n
    return observed, (observed - expected) / (1 - expected) if expected < 1 else 1.0


def pairs(a_file: str = "pairs_gold_a.jsonl", b_file: str = "pairs_gold_b.jsonl", names: str = "ab") -> None:
    """Agreement of two pair labellings on the pairs both labelled (names: one letter per reader)."""
    x, y = names
    a = {r["pair"]: r["label"] for r in rows(a_file)}
    b = {r["pair"]: r["label"] for r in rows(b_file)}
    both = sorted(set(a) & set(b))
    la, lb = [a[p] for p in both], [b[p] for p in both]
    print(f"pairs: {len(a)} by {x}, {len(b)} by {y}, {len(both)} by both ({both[0]}–{both[-1]})")
    for name, f in (("four labels", lambda l: l),
                    ("same event", lambda l: l == "SAME_EVENT"),
                    ("same storyline", lambda l: l in ("SAME_EVENT", "SAME_STORY"))):
        po, k = kappa([f(l) for l in la], [f(l) for l in lb])
        print(f"  {name:15s} agreement {po:.3f} ({sum(f(x) == f(y) for x, y in zip(la, lb))}/{len(both)})  kappa {k:.3f}")
    print("  " + " ".join(f"{l}: {x} {la.count(l)}, {y} {lb.count(l)};" for l in LABELS))
    for p in both:
        if a[p] != b[p]:
            print(f"  pair {p}: {x} {a[p]}, {y} {b[p]}")


def overlaps(x: str, y: str) -> bool:
    kx, ky = text_key(x), text_key(y)
    if kx in ky or ky in kx:
        return True
    wx, wy = kx.split(), ky.split()
    grams = {tuple(wx[i:i + MIN_SHARED_WORDS]) for i in range(len(wx) - MIN_SHARED_WORDS + 1)}
    return any(tuple(wy[i:i + MIN_SHARED_WORDS]) in grams for i in range(len(wy) - MIN_SHARED_WORDS + 1))


def _match(xs: list, ys: list, same) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of two lists in order: each x takes the first free y."""
    used: set[int] = set()
    pairs_: list[tuple[int, int]] = []
    for i, x in enumerate(xs):
        j = next((j for j, y in enumerate(ys) if j not in used and same(x, y)), None)
        if j is not None:
            used.add(j)
            pairs_.append((i, j))
    return pairs_


def _entity_keys(e: dict) -> set[str]:
    return {text_key(f) for f in e["forms"]} | {text_key(e["name"])}


def _unmatched(xs: list, ys: list, matched: list[tuple[int, int]]) -> tuple[list, list]:
    """The items of ``xs`` and of ``ys`` that :func:`_match` left without a partner."""
    return (
        [xs[i] for i in set(range(len(xs))) - {i for i, _ in matched}],
        [ys[j] for j in set(range(len(ys))) - {j for _, j in matched}],
    )


def _date_same(x: dict, y: dict) -> bool:
    kx, ky = text_key(x["text"]), text_key(y["text"])
    return bool(kx and ky) and (kx in ky or ky in kx)


def who_said_what() -> None:
    a = {r["article"]: r for r in rows("wsw_gold_a.jsonl")}
    b = {r["article"]: r for r in rows("wsw_gold_b.jsonl")}
    both = [k for k in a if k in b]
    c = Counter()
    for k in both:
        ra, rb = a[k], b[k]
        m = _match(ra["quotes"], rb["quotes"], lambda x, y: overlaps(x["anchor"], y["anchor"]))
        c["q_both"] += len(m)
        for i, j in m:
            qa, qb = ra["quotes"][i], rb["quotes"][j]
            c["speaker"] += text_key(qa["speaker"]) == text_key(qb["speaker"])
            c["speaker_text"] += qa["speaker_text"] == qb["speaker_text"]
            c["kind"] += qa["kind"] == qb["kind"]
        c["q_either"] += len(ra["quotes"]) + len(rb["quotes"]) - len(m)
        m = _match(ra["entities"], rb["entities"], lambda x, y: bool(_entity_keys(x) & _entity_keys(y)))
        c["e_both"] += len(m)
        c["e_same_forms"] += sum(set(ra["entities"][i]["forms"]) == set(rb["entities"][j]["forms"]) for i, j in m)
        c["e_union"] += len(ra["entities"]) + len(rb["entities"]) - len(m)
        fa = {f for e in ra["entities"] for f in e["forms"]}
        fb = {f for e in rb["entities"] for f in e["forms"]}
        c["f_both"] += len(fa & fb)
        c["f_union"] += len(fa | fb)
        da, db = {d["value"] for d in ra["dates"]}, {d["value"] for d in rb["dates"]}
        c["d_both"] += len(da & db)
        c["d_union"] += len(da | db)
        shared = sum(any(overlaps(x, y) for y in rb["not_quotes"]) for x in ra["not_quotes"])
        c["n_both"] += shared
        c["n_union"] += len(ra["not_quotes"]) + len(rb["not_quotes"]) - shared
    print(f"who said what: {len(a)} articles by a, {len(b)} by b, {len(both)} by both")
    print(f"  statements found by both / either {c['q_both']}/{c['q_either']}; on shared statements: speaker "
          f"{c['speaker']}/{c['q_both']}, speaker_text {c['speaker_text']}/{c['q_both']}, kind {c['kind']}/{c['q_both']}")
    print(f"  entities shared / union {c['e_both']}/{c['e_union']} (identical form lists {c['e_same_forms']}/{c['e_both']}); "
          f"forms shared / union {c['f_both']}/{c['f_union']}")
    print(f"  dates (values) shared / union {c['d_both']}/{c['d_union']}; not_quotes shared / union {c['n_both']}/{c['n_union']}")


def who_said_what_c(listing: bool = False, a_file: str = "wsw_gold_c_a.jsonl", b_file: str = "wsw_gold_c_b.jsonl") -> None:
    """a against b on the fresh set, every article labelled by both (see module doc);
    ``a_file``/``b_file`` compare other readings the same way (a reader against the gold)."""
    from marsad.evaluation.who_said_what import overlaps as scorer_overlaps, same_name

    a = {r["article"]: r for r in rows(a_file)}
    b = {r["article"]: r for r in rows(b_file)}
    both = [k for k in a if k in b]
    c = Counter()
    for k in both:
        ra, rb = a[k], b[k]
        notes: list[str] = []
        qa, qb = ra["quotes"], rb["quotes"]
        m = _match(qa, qb, lambda x, y: scorer_overlaps(text_key(x["anchor"]), text_key(y["anchor"])))
        c["q_a"] += len(qa)
        c["q_b"] += len(qb)
        c["q_both"] += len(m)
        for i, j in m:
            x, y = qa[i], qb[j]
            c["speaker_exact"] += text_key(x["speaker"]) == text_key(y["speaker"])
            same_speaker = same_name(x["speaker"], y["speaker"])
            c["speaker"] += same_speaker
            c["speaker_kind"] += x["speaker_kind"] == y["speaker_kind"]
            c["kind"] += x["kind"] == y["kind"]
            if not same_speaker:
                notes.append(f"speaker  a {x['speaker']!r} / b {y['speaker']!r}  ({x['anchor']})")
            if x["speaker_kind"] != y["speaker_kind"]:
                notes.append(f"speaker_kind a {x['speaker_kind']} / b {y['speaker_kind']}  ({x['anchor']})")
            if x["kind"] != y["kind"]:
                notes.append(f"kind     a {x['kind']} / b {y['kind']}  ({x['anchor']})")
        for side, alone in zip("ab", _unmatched(qa, qb, m)):
            notes += [f"quote {side} only  {q['speaker']}: {q['anchor']}" for q in alone]
        ea, eb = ra["entities"], rb["entities"]
        m = _match(ea, eb, lambda x, y: bool(_entity_keys(x) & _entity_keys(y)))
        c["e_a"] += len(ea)
        c["e_b"] += len(eb)
        c["e_both"] += len(m)
        for i, j in m:
            same_forms = set(ea[i]["forms"]) == set(eb[j]["forms"])
            c["e_same_forms"] += same_forms
            if not same_forms:
                fa, fb = set(ea[i]["forms"]), set(eb[j]["forms"])
                notes.append(f"forms    {ea[i]['name']}: a only {sorted(fa - fb)}, b only {sorted(fb - fa)}")
        for side, alone in zip("ab", _unmatched(ea, eb, m)):
            notes += [f"entity {side} only  {e['name']} {e['forms']}" for e in alone]
        fa = {f for e in ea for f in e["forms"]}
        fb = {f for e in eb for f in e["forms"]}
        c["f_both"] += len(fa & fb)
        c["f_union"] += len(fa | fb)
        da, db = ra["dates"], rb["dates"]
        m = _match(da, db, _date_same)
        c["d_a"] += len(da)
        c["d_b"] += len(db)
        c["d_both"] += len(m)
        for i, j in m:
            c["d_value"] += da[i]["value"] == db[j]["value"]
            if da[i]["value"] != db[j]["value"]:
                notes.append(f"date     {da[i]['text']!r}: a {da[i]['value']} / b {db[j]['value']}")
        for side, alone in zip("ab", _unmatched(da, db, m)):
            notes += [f"date {side} only  {d['text']!r} {d['value']}" for d in alone]
        na, nb = ra["not_quotes"], rb["not_quotes"]
        m = _match(na, nb, lambda x, y: scorer_overlaps(text_key(x), text_key(y)))
        c["n_both"] += len(m)
        c["n_union"] += len(na) + len(nb) - len(m)
        for side, alone in zip("ab", _unmatched(na, nb, m)):
            notes += [f"not_quote {side} only  {n}" for n in alone]
        if listing and notes:
            print(f"== {k}")
            for note in notes:
                print("  " + note)
    q, e, d = c["q_both"], c["e_both"], c["d_both"]
    print(f"who said what, fresh set, {a_file} (a) against {b_file} (b): {len(a)} articles by a, {len(b)} by b, {len(both)} by both")
    print(f"  statements: a {c['q_a']}, b {c['q_b']}, found by both {q} (of {c['q_a'] + c['q_b'] - q} by either); "
          f"on those: speaker {c['speaker']}/{q} (same key {c['speaker_exact']}/{q}), "
          f"speaker_kind {c['speaker_kind']}/{q}, kind {c['kind']}/{q}")
    print(f"  entities: a {c['e_a']}, b {c['e_b']}, shared {e} (of {c['e_a'] + c['e_b'] - e}); identical form lists "
          f"{c['e_same_forms']}/{e}; exact forms shared / union {c['f_both']}/{c['f_union']}")
    print(f"  dates: a {c['d_a']}, b {c['d_b']}, same expression {d} (of {c['d_a'] + c['d_b'] - d}), same value {c['d_value']}/{d}; "
          f"not_quotes shared / union {c['n_both']}/{c['n_union']}")


if __name__ == "__main__":
    pairs()
    pairs("pairs_gold_c_a.jsonl", "pairs_gold_c_b.jsonl", "cd")
    who_said_what()
    who_said_what_c(listing="--list" in sys.argv[1:])
    if "--gold" in sys.argv[1:]:
        for reader, name in (("pairs_gold_c_a.jsonl", "c"), ("pairs_gold_c_b.jsonl", "d")):
            pairs(reader, "pairs_gold_c.jsonl", name + "g")
        for reader in ("wsw_gold_c_a.jsonl", "wsw_gold_c_b.jsonl"):
            who_said_what_c(a_file=reader, b_file="wsw_gold_c.jsonl")
