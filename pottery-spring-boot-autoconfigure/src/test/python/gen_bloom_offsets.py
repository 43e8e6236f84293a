#!/usr/bin/env python3
"""Generate the expected Bloom filter bit offsets of the dev.pottery.probabilistic tests, from pottery's formulas.

Only needed to REGENERATE the committed table; the Java tests never run Python. Run from the module root:

    python3 src/test/python/gen_bloom_offsets.py

pottery 3.0.1 (pottery/bloom.py) sizes a filter and hashes a value like this (wire-format.md section 2.7):

    m = math.ceil(-n * math.log(p) / math.log(2) ** 2)
    k = math.ceil(m / n * math.log(2))
    offsets = [mmh3.hash(json.dumps(value, sort_keys=True), seed) % m for seed in range(k)]

mmh3.hash is MurmurHash3 x86 32-bit of the UTF-8 bytes, as a *signed* int; Python's % is a floor modulo. mmh3 is a
C extension that may not be installed, so this script carries a pure-Python MurmurHash3 x86 32-bit, checked below
against published test vectors (SMHasher's reference implementation) and pottery's own doctest values before any
row is written.

It writes src/test/resources/dev/pottery/probabilistic/bloom-offsets.tsv with rows

    n <TAB> p <TAB> m <TAB> k <TAB> canonical JSON of the value <TAB> comma-separated offsets in seed order

The JSON column is the value exactly as hashed (pottery's canonical JSON; all the sample values are ASCII or escaped,
so the column is the hashed bytes). A fixed random seed makes a rerun write an identical file.
"""

import json
import math
import os
import random

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'dev', 'pottery', 'probabilistic')


def murmur3_x86_32(data: bytes, seed: int = 0) -> int:
    """MurmurHash3_x86_32 of data, as a signed 32-bit int (what mmh3.hash returns)."""
    c1, c2 = 0xcc9e2d51, 0x1b873593
    mask = 0xffffffff
    h = seed & mask
    length = len(data)
    rounded = length - (length % 4)
    for i in range(0, rounded, 4):
        k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24)
        k = (k * c1) & mask
        k = ((k << 15) | (k >> 17)) & mask
        k = (k * c2) & mask
        h ^= k
        h = ((h << 13) | (h >> 19)) & mask
        h = (h * 5 + 0xe6546b64) & mask
    k = 0
    tail = length & 3
    if tail == 3:
        k ^= data[rounded + 2] << 16
    if tail >= 2:
        k ^= data[rounded + 1] << 8
    if tail >= 1:
        k ^= data[rounded]
        k = (k * c1) & mask
        k = ((k << 15) | (k >> 17)) & mask
        k = (k * c2) & mask
        h ^= k
    h ^= length
    h ^= h >> 16
    h = (h * 0x85ebca6b) & mask
    h ^= h >> 13
    h = (h * 0xc2b2ae35) & mask
    h ^= h >> 16
    return h - (1 << 32) if h & 0x80000000 else h


# (input bytes, seed, expected unsigned hash): SMHasher-verified vectors as commonly published for MurmurHash3_x86_32
VECTORS = [
    (b'', 0, 0),
    (b'', 1, 0x514E28B7),
    (b'', 0xffffffff, 0x81F16F39),
    (b'\xff\xff\xff\xff', 0, 0x76293B50),
    (b'\x21\x43\x65\x87', 0, 0xF55B516B),
    (b'\x21\x43\x65\x87', 0x5082EDEE, 0x2362F9DE),
    (b'\x21\x43\x65', 0, 0x7E4A8634),
    (b'\x21\x43', 0, 0xA0F7B07A),
    (b'\x21', 0, 0x72661CF4),
    (b'\x00\x00\x00\x00', 0, 0x2362F9DE),
    (b'\x00\x00\x00', 0, 0x85F0B427),
    (b'\x00\x00', 0, 0x30F4C306),
    (b'\x00', 0, 0x514E28B7),
    (b'aaaa', 0x9747b28c, 0x5A97808A),
    (b'aaa', 0x9747b28c, 0x283E0130),
    (b'aa', 0x9747b28c, 0x5D211726),
    (b'a', 0x9747b28c, 0x7FA09EA6),
    (b'abcd', 0x9747b28c, 0xF0478627),
    (b'abc', 0x9747b28c, 0xC84A62DD),
    (b'ab', 0x9747b28c, 0x74875592),
    (b'Hello, world!', 0x9747b28c, 0x24884CBA),
    ('ππππππππ'.encode('utf-8'), 0x9747b28c, 0xD58063C1),
    (b'a' * 256, 0x9747b28c, 0x37405BDC),
    (b'abc', 0, 0xB3DD93FA),
    (b'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', 0, 0xEE925B90),
    (b'The quick brown fox jumps over the lazy dog', 0x9747b28c, 0x2FA826CD),
]

# pottery's doctest (pottery/bloom.py) and wire-format.md 2.7: m=959, k=7
DOCTEST = {
    'rajiv': [183, 319, 787, 585, 8, 471, 711],
    'raj': [482, 875, 725, 667, 109, 714, 595],
    'dan': [687, 925, 954, 707, 615, 914, 620],
}
DOCTEST_HASHES_RAJIV = [-768575023, 1683896911, -249379491, -1433106958, 331278886, -553776956, 2087259416]


def size(n, p):
    m = math.ceil(-n * math.log(p) / math.log(2) ** 2)
    k = math.ceil(m / n * math.log(2))
    return m, k


def offsets(value, m, k):
    encoded = json.dumps(value, sort_keys=True).encode('utf-8')
    return [murmur3_x86_32(encoded, seed) % m for seed in range(k)]


def check():
    for data, seed, expected in VECTORS:
        got = murmur3_x86_32(data, seed) & 0xffffffff
        assert got == expected, (data, seed, hex(got), hex(expected))
    assert size(100, 0.01) == (959, 7)
    assert size(1000, 0.01) == (9586, 7)
    assert size(1000, 0.001) == (14378, 10)
    assert size(10, 0.1) == (48, 4)
    encoded = json.dumps('rajiv', sort_keys=True).encode('utf-8')
    assert [murmur3_x86_32(encoded, seed) for seed in range(7)] == DOCTEST_HASHES_RAJIV
    for value, expected in DOCTEST.items():
        assert offsets(value, 959, 7) == expected, (value, offsets(value, 959, 7))


def values():
    rnd = random.Random(20260805)
    fixed = ['rajiv', 'raj', 'dan', 'eric', 'jane', '', 'caf\u00e9', '\U0001F600', 'a"b\\c', 0, -42, 1.0, 1e16, 0.1,
             True, False, None, [], {}, [1, 'a', None, True, 2.5], {'b': 1, 'a': {'d': [1, 2], 'c': None}},
             {10: 'a', 9: 'b'}, 9223372036854775808]
    generated = []
    for _ in range(40):
        length = rnd.randrange(0, 24)
        generated.append(''.join(chr(rnd.randrange(0x20, 0x7f)) for _ in range(length)))
    for _ in range(10):
        generated.append(rnd.randrange(-2 ** 40, 2 ** 40))
    return fixed + generated


def main():
    check()
    rows = []
    for n, p in [(100, 0.01), (1000, 0.01), (1000, 0.001), (10, 0.1), (100000, 0.01), (1, 0.5), (2000000000, 0.5)]:
        m, k = size(n, p)
        for value in values():
            text = json.dumps(value, sort_keys=True)
            assert '\t' not in text and '\n' not in text
            rows.append('\t'.join([str(n), repr(p), str(m), str(k), text,
                                   ','.join(str(o) for o in offsets(value, m, k))]))
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, 'bloom-offsets.tsv'), 'w', encoding='ascii', newline='\n') as out:
        out.write('# n\tp\tm\tk\tcanonical JSON\toffsets (seeds 0..k-1); generated by src/test/python/gen_bloom_offsets.py\n')
        for row in rows:
            out.write(row + '\n')
    print('wrote', len(rows), 'rows')


if __name__ == '__main__':
    main()
