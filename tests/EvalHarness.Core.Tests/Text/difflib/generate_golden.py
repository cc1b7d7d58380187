#!/usr/bin/env python3
"""Golden cases for the C# SequenceMatcher port, computed by CPython's own difflib.

Run with CPython 3.11 from this folder:  python3.11 generate_golden.py
Writes golden_ratio.jsonl: one JSON object per line with
  id, kind, a, b, autojunk, ratio (repr of the float), matching_blocks ([[i, j, size], ...], sentinel included),
  longest (find_longest_match on a random sub-range: [alo, ahi, blo, bhi, i, j, size]),
  bench (true for the MRCR-sized pairs the benchmarks time).
Everything is derived from fixed seeds, so re-running reproduces the file byte for byte.
(CPython 3.8, 3.9, 3.10, 3.12 and 3.13 also produce this exact file: difflib's results did not change.)
"""
import difflib
import json
import random
import sys

assert sys.version_info[:2] == (3, 11), "golden values are defined by CPython 3.11's difflib"

WORDS = (
    "the a an of to in on at by for with from into over under between after before while because although "
    "river stone light shadow morning evening city garden window letter silence winter summer ocean mountain "
    "forest bridge lantern harbor meadow thunder whisper memory journey promise kingdom candle mirror feather "
    "walks carries remembers forgets builds breaks sings opens closes waits returns wanders listens follows "
    "quietly slowly bright cold warm ancient gentle broken golden hidden silver distant tender restless "
    "she he they we it someone nobody everyone and but or yet so never always again still only"
).split()

PUNCT = [",", ",", ";", " -", ":"]

SPECIAL = ["\U0001F600", "\U0001F680", "\U0001D400", "\U0001D401", "é", "ß", "中", "文", "\u00a0", "\t", "\U00010348"]


def sentence(rng, min_words=4, max_words=16):
    words = [rng.choice(WORDS) for _ in range(rng.randint(min_words, max_words))]
    out = []
    for n, w in enumerate(words):
        out.append(w)
        if n < len(words) - 1 and rng.random() < 0.08:
            out[-1] += rng.choice(PUNCT)
    text = " ".join(out)
    return text[0].upper() + text[1:] + rng.choice([".", ".", ".", "!", "?"])


def prose(rng, target_len, unicode_rate=0.0):
    """Paragraphs of generated sentences, roughly target_len characters."""
    paragraphs, size = [], 0
    while size < target_len:
        para = " ".join(sentence(rng) for _ in range(rng.randint(2, 6)))
        if unicode_rate:
            para = "".join(c if rng.random() >= unicode_rate else rng.choice(SPECIAL) for c in para)
        paragraphs.append(para)
        size += len(para) + 1
    return "\n".join(paragraphs)[:max(target_len, 1)]


def poem(rng, lines):
    return "\n".join(sentence(rng, 3, 8) for _ in range(lines))


def typo_edit(rng, text, n_edits):
    """A model reproducing text with a few character-level slips."""
    chars = list(text)
    for _ in range(n_edits):
        if not chars:
            break
        pos = rng.randrange(len(chars))
        op = rng.random()
        if op < 0.4:
            chars[pos] = rng.choice("abcdefghijklmnopqrstuvwxyz ,.")
        elif op < 0.7:
            del chars[pos]
        else:
            chars.insert(pos, rng.choice("abcdefghijklmnopqrstuvwxyz ,."))
    return "".join(chars)


def structural_edit(rng, text):
    """Sentence or line level edits: drop, duplicate, swap, insert, truncate, preamble."""
    lines = text.split("\n")
    op = rng.randrange(6)
    if op == 0 and len(lines) > 1:
        del lines[rng.randrange(len(lines))]
    elif op == 1:
        k = rng.randrange(len(lines))
        lines.insert(k, lines[k])
    elif op == 2 and len(lines) > 1:
        x, y = rng.sample(range(len(lines)), 2)
        lines[x], lines[y] = lines[y], lines[x]
    elif op == 3:
        lines.insert(rng.randrange(len(lines) + 1), sentence(rng))
    elif op == 4:
        return text[: rng.randint(len(text) // 2, len(text))]
    else:
        return rng.choice(["Sure! Here it is:\n", "Here is the requested text:\n\n", "Of course.\n"]) + text
    return "\n".join(lines)


def random_string(rng, alphabet, lo, hi):
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(lo, hi)))


def make_cases():
    cases = []

    def add(kind, a, b, autojunk=True, bench=False):
        cases.append((kind, a, b, autojunk, bench))

    # Edge cases.
    for a, b in [("", ""), ("", "abc"), ("abc", ""), ("abc", "abc"), ("a", "a"), ("a", "b"),
                 ("aaaa", "aa"), ("aa", "aaaa"), ("abab", "baba"), ("abcd", "bcda"), ("xaby", "abxy"),
                 ("\U0001F600", "\U0001F600"), ("\U0001F600", "\U0001F601"), ("a\U0001D400b", "a\U0001D400c"),
                 ("\U0001D400" * 3, "\U0001D400" * 5), ("private Thread currentThread;", "private volatile Thread currentThread;"),
                 (" abcd", "abcd abcd"), ("qabxcd", "abycdf")]:
        add("edge", a, b)

    # Small random strings over tiny alphabets: many equal-length candidates, so tie-breaking decides.
    rng = random.Random(1001)
    for _ in range(220):
        alphabet = rng.choice(["ab", "abc", "abcd", "ab ", "xyz\U0001F600", "a\U0001D400b"])
        add("random-small", random_string(rng, alphabet, 0, 40), random_string(rng, alphabet, 0, 40))

    # Repeated characters and periodic strings.
    rng = random.Random(1002)
    for _ in range(30):
        c = rng.choice("a \U0001F600x")
        unit = random_string(rng, "ab", 1, 4)
        add("repeat", c * rng.randint(0, 30) + unit * rng.randint(0, 20), unit * rng.randint(0, 25) + c * rng.randint(0, 30))

    # Unicode-heavy prose: astral characters must count as one element each.
    rng = random.Random(1003)
    for _ in range(60):
        base = prose(rng, rng.randint(20, 600), unicode_rate=rng.choice([0.02, 0.1, 0.3]))
        add("unicode", base, typo_edit(rng, base, rng.randint(0, 8)))

    # Autojunk around its thresholds: len(b) of 199/200/201 and counts at and just above n // 100 + 1.
    rng = random.Random(1004)
    for n in (199, 200, 201, 299, 300, 301, 1000):
        ntest = n // 100 + 1
        for count in (ntest, ntest + 1):
            filler = [rng.choice("bcdefghijklmnopqrstuvwxyz0123456789") for _ in range(n - count)]
            for _ in range(count):
                filler.insert(rng.randrange(len(filler) + 1), "a")
            b = "".join(filler)
            add("autojunk-threshold", typo_edit(rng, b, 5), b)
            add("autojunk-threshold", b, b)
    for _ in range(40):
        b = random_string(rng, rng.choice(["ab ", "abcdefg ", "  .x", "a\U0001F600 b"]), 150, 700)
        add("autojunk-popular", typo_edit(rng, b, rng.randint(0, 30)), b)
        add("autojunk-popular", random_string(rng, "ab ", 50, 300), b)

    # autojunk=False: the full index (kept small, it is quadratic on repetitive input).
    rng = random.Random(1005)
    for _ in range(40):
        b = prose(rng, rng.randint(150, 900))
        add("no-autojunk", typo_edit(rng, b, rng.randint(0, 20)), b, autojunk=False)

    # MRCR-like: a model reproducing a poem or story, sometimes with slips, sometimes the wrong piece.
    rng = random.Random(1006)
    for n in range(170):
        answer = poem(rng, rng.randint(4, 40)) if rng.random() < 0.5 else prose(rng, rng.randint(200, 8000))
        roll = rng.random()
        if roll < 0.15:
            response = answer
        elif roll < 0.5:
            response = typo_edit(rng, answer, rng.randint(1, max(1, len(answer) // 100)))
        elif roll < 0.8:
            response = structural_edit(rng, answer)
        else:
            response = prose(rng, len(answer))  # the wrong piece of the same genre
        # Grading order is (response, answer); also keep some swapped to exercise autojunk on the other side.
        bench = 2000 <= len(answer) <= 8000 and n % 4 == 0
        add("mrcr", response, answer, bench=bench)
        if n % 5 == 0:
            add("mrcr-swapped", answer, response)

    # Long pairs (20K+ characters).
    rng = random.Random(1007)
    for n in range(5):
        answer = prose(rng, rng.randint(20000, 26000), unicode_rate=0.01 if n == 4 else 0.0)
        response = typo_edit(rng, structural_edit(rng, answer), rng.randint(5, 60)) if n != 3 else prose(rng, 21000)
        add("long", response, answer, bench=n < 2)
    return cases


def main():
    ranges = random.Random(2001)  # a separate stream, so the cases above do not depend on it
    with open("golden_ratio.jsonl", "w", encoding="utf-8", newline="\n") as out:
        for n, (kind, a, b, autojunk, bench) in enumerate(make_cases()):
            sm = difflib.SequenceMatcher(None, a, b, autojunk)
            alo = ranges.randint(0, len(a))
            ahi = ranges.randint(alo, len(a))
            blo = ranges.randint(0, len(b))
            bhi = ranges.randint(blo, len(b))
            row = {
                "id": n,
                "kind": kind,
                "autojunk": autojunk,
                "bench": bench,
                "ratio": repr(sm.ratio()),
                "matching_blocks": [list(m) for m in sm.get_matching_blocks()],
                # find_longest_match on a random sub-range: [alo, ahi, blo, bhi, i, j, size]
                "longest": [alo, ahi, blo, bhi, *sm.find_longest_match(alo, ahi, blo, bhi)],
                "a": a,
                "b": b,
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"wrote {n + 1} cases", file=sys.stderr)


if __name__ == "__main__":
    main()
