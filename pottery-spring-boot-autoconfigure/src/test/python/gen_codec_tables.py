#!/usr/bin/env python3
"""Generate the expected-output tables of the dev.pottery.codec tests from Python's own json module.

Only needed to REGENERATE the committed tables; the Java tests never run Python. Run from the module root:

    python3 src/test/python/gen_codec_tables.py

It writes, under src/test/resources/dev/pottery/codec/:

* python-json-dumps.tsv   label <TAB> json.dumps(value, sort_keys=True)
                          <TAB> json.dumps(json.loads(that), sort_keys=True)
  One row per case below; PotteryJsonPythonTableTests builds the same value in Java under the same label.
  The third column is what Python writes again after reading the text back (a decode/encode round trip).
* python-float-repr.tsv   16 hex digits of the IEEE-754 bits <TAB> json.dumps(the double)
* python-float32-repr.tsv 8 hex digits of the float32 bits <TAB> json.dumps(float(str(numpy.float32)))
                          (only written when numpy is installed; the float's own shortest digits)

Pottery stores json.dumps(value, sort_keys=True) with every other option at its default (wire-format.md 1.2).
The random cases use a fixed seed, so a rerun writes identical files.
"""

import json
import math
import os
import random
import struct
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'dev', 'pottery', 'codec')


def dumps(value):
    return json.dumps(value, sort_keys=True)


# Each label must match a case in PotteryJsonPythonTableTests; the Java side builds the same value.
CASES = [
    # the rows of the wire-format.md 1.2 table
    ('str_abc', 'abc'),
    ('str_empty', ''),
    ('str_quote_backslash', 'a"b\\c'),
    ('str_short_escapes', 'line\nbreak\ttab\r\b\f'),
    ('str_controls_00_01_1f', '\x00\x01\x1f'),
    ('str_del', '\x7f'),
    ('str_slash', '/path'),
    ('str_cafe', 'caf\u00e9'),
    ('str_nihon', '\u65e5\u672c'),
    ('str_emoji', '\U0001F600'),
    ('int_zero', 0),
    ('int_minus_42', -42),
    ('float_one', 1.0),
    ('float_minus_zero', -0.0),
    ('float_0_1', 0.1),
    ('float_3_14159', 3.14159),
    ('float_1e16', 1e16),
    ('float_1e15', 1e15),
    ('float_1e-4', 1e-4),
    ('float_1e-5', 1e-5),
    ('float_2_5e-7', 2.5e-7),
    ('float_nan', float('nan')),
    ('float_inf', float('inf')),
    ('float_minus_inf', float('-inf')),
    ('bool_true', True),
    ('bool_false', False),
    ('none', None),
    ('list_empty', []),
    ('dict_empty', {}),
    ('list_mixed', [1, 'a', None, True, 2.5]),
    ('tuple_1_2', (1, 2)),
    ('dict_nested', {'b': 1, 'a': {'d': [1, 2], 'c': None}}),
    ('dict_int_keys_10_9', {10: 'a', 9: 'b'}),
    ('dict_unicode_keys', {'\uff21': 1, '\U0001F600': 2, 'Z': 3, 'a': 4, '\u00e9': 5}),
    # strings
    ('str_lone_high_surrogate', '\ud800'),
    ('str_lone_low_surrogate_inside', 'a\udc00b'),
    ('str_reversed_surrogates', '\ude00\ud83d'),
    ('str_u2028_u2029', '\u2028\u2029'),
    ('str_uffff', '\uffff'),
    ('str_all_controls', ''.join(chr(c) for c in range(0x20))),
    ('str_printable_ascii', ''.join(chr(c) for c in range(0x20, 0x7f))),
    ('str_latin1_range', '\x80\x9f\xa0\xff'),
    ('str_character', 'x'),
    # maps
    ('dict_codepoint_vs_utf16', {'outer': {'\uff21': 1, '\U0001F600': 2, '\ue000': 3, '\ud7ff': 4},
                                 'list': [{'\U00010000': None, '\uffff': True, '\u0100': False}]}),
    ('dict_upper_before_lower', {'b': 1, 'B': 2, 'a': 3, 'A': 4, '_': 5, '1': 6}),
    ('dict_prefix_keys', {'ab': 1, 'a': 2, 'abc': 3, '': 4}),
    ('dict_bool_keys', {True: 'yes', False: 'no'}),
    ('dict_none_key', {None: 1}),
    ('dict_bool_and_int_keys', {False: 'f', 2: 'two', -1: 'minus one'}),
    ('dict_integer_keys', {1: 'one', 2: 'two', 10: 'ten', -3: 'minus three', 100: 'hundred'}),
    ('dict_float_keys', {1.5: 'x', 0.25: 'y', 10.0: 'z', -2.0: 'w'}),
    ('dict_big_int_keys', {2 ** 64: 'big', -(2 ** 63): 'min', 0: 'zero'}),
    ('dict_deep', {'a': [{'b': {'c': [1, {'d': None, 'C': 'x'}]}}]}),
    ('dict_enum_keys', {'RED': 1, 'GREEN': 2, 'BLUE': 3}),
    # integers
    ('int_long_min', -2 ** 63),
    ('int_long_max', 2 ** 63 - 1),
    ('int_2_pow_64', 2 ** 64),
    ('int_10_pow_30', 10 ** 30),
    ('int_minus_2_pow_63_minus_1', -2 ** 63 - 1),
    ('int_byte', -7),
    ('int_short', 30000),
    ('int_atomic_long', 123456789012),
    # floats
    ('float_0_1_plus_0_2', 0.1 + 0.2),
    ('float_one_third', 1 / 3),
    ('float_1e22', 1e22),
    ('float_1e21', 1e21),
    ('float_9999999999999998', 9999999999999998.0),
    ('float_123456789012345680', 123456789012345680.0),
    ('float_1_5e-5', 1.5e-5),
    ('float_5e-324', 5e-324),
    ('float_min_normal', 2.2250738585072014e-308),
    ('float_max', 1.7976931348623157e+308),
    ('float_minus_1_5', -1.5),
    ('float_100', 100.0),
    ('float_1e100', 1e100),
    ('float_12345_678', 12345.678),
    ('float_2_pow_53', 2.0 ** 53),
    ('float_2_pow_53_plus_2', 2.0 ** 53 + 2),
    ('float_0_001', 0.001),
    ('float_123456789', 123456789.0),
    ('float_1e7', 1e7),
    ('float32_0_1', 0.1),
    ('float32_1_5', 1.5),
    ('float32_16777217_rounds', 16777216.0),
    ('float32_1e-45', 1e-45),
    ('float32_3_4e38', 3.4028235e+38),
    ('decimal_1_50', 1.5),
    ('decimal_0_1', 0.1),
    ('decimal_1e16', 1e16),
    ('list_floats', [0.5, 1e-7, 1e300, -0.0, 2.0]),
    # containers
    ('list_mixed_nested', [1, 2.0, 'x', [None, False], {'k': -1}, []]),
    ('list_nested_empty', [[], {}, [[]]]),
    ('array_int', [3, 1, 2]),
    ('array_long', [-1, 0, 9007199254740993]),
    ('array_double', [0.1, 1e16, -2.5]),
    ('array_boolean', [True, False]),
    ('array_string', ['b', 'a', '\u00e9']),
    ('array_object_mixed', ['a', 1, None]),
    ('optional_present', 'x'),
    ('optional_empty', None),
    ('byte_array', 'AQL/'),
    # records, beans and values the mapper writes
    ('record_person', {'name': 'Ada', 'age': 36, 'score': 99.5, 'tags': ['math', 'engines'], 'nickname': None}),
    ('record_nested', {'id': 7, 'owner': {'name': 'Grace', 'age': 85, 'score': 1e-05, 'tags': [],
                                          'nickname': 'Amazing'}, 'ratio': 0.1}),
    ('pojo_item', {'sku': 'A-1', 'price': 19.99, 'quantity': 3, 'gift': True,
                   'attributes': {'size': 'L', 'colour': 'blue'}, 'created': '2024-02-29'}),
    ('map_of_records', {'b': {'id': 2, 'owner': None, 'ratio': 1.0}, 'a': {'id': 1, 'owner': None, 'ratio': 2.5}}),
    ('enum_value', 'GREEN'),
    ('uuid_value', '123e4567-e89b-12d3-a456-426614174000'),
    ('local_date_value', '2024-02-29'),
    ('instant_value', '1970-01-01T00:00:05Z'),
]


def write_cases():
    labels = set()
    lines = []
    for label, value in CASES:
        if label in labels:
            sys.exit('duplicate label ' + label)
        labels.add(label)
        text = dumps(value)
        again = dumps(json.loads(text))
        lines.append(label + '\t' + text + '\t' + again + '\n')
    with open(os.path.join(OUT, 'python-json-dumps.tsv'), 'w', encoding='ascii', newline='\n') as out:
        out.writelines(lines)
    return len(lines)


def bits_to_double(bits):
    return struct.unpack('<d', struct.pack('<Q', bits))[0]


def double_to_bits(value):
    return struct.unpack('<Q', struct.pack('<d', value))[0]


def float_cases(rng):
    values = []
    # random 64-bit patterns, skipping NaN payloads (one canonical NaN is added below)
    while len(values) < 900:
        value = bits_to_double(rng.getrandbits(64))
        if not math.isnan(value):
            values.append(value)
    # random subnormals, both signs
    for _ in range(300):
        value = bits_to_double(rng.randrange(1, 1 << 52))
        values.append(-value if rng.random() < 0.5 else value)
    # random integers as floats
    for _ in range(200):
        values.append(float(rng.randrange(-(1 << 63), 1 << 63)))
    for _ in range(100):
        values.append(float(rng.randrange(-(1 << 53), 1 << 53)))
    for _ in range(100):
        values.append(float(rng.randrange(0, 1 << 64) << rng.randrange(0, 200)))
    # powers of ten and their neighbours
    for exponent in range(-30, 31):
        value = float('1e%d' % exponent)
        values.extend([value, math.nextafter(value, 0.0), math.nextafter(value, math.inf)])
    # around the notation boundaries 1e16 and 1e-4 (and the other side of each)
    for boundary in (1e16, 1e-4, 1e-5, 1e15):
        value = boundary
        for _ in range(40):
            value = math.nextafter(value, 0.0)
            values.append(value)
        value = boundary
        for _ in range(40):
            value = math.nextafter(value, math.inf)
            values.append(value)
    values.extend([9999999999999998.0, 9999999999999999.0, 1e16 - 2, 99999999999999.99, 0.00009999999999999999,
                   0.000099999, 0.0001000001])
    # short decimals, as prices and measurements are
    for _ in range(300):
        values.append(rng.randrange(0, 10 ** rng.randrange(1, 10)) / 10 ** rng.randrange(0, 8))
    # uniform in [0, 1) and random magnitudes with 17 significant digits
    for _ in range(200):
        values.append(rng.random())
    for _ in range(300):
        values.append(float('%.16e' % (rng.random() * 10 ** rng.randrange(-320, 309))))
    # floats that are float32 values
    for _ in range(150):
        values.append(struct.unpack('<f', struct.pack('<I', rng.getrandbits(31)))[0])
    # special values
    values.extend([0.0, -0.0, float('inf'), float('-inf'), float('nan'), 5e-324, -5e-324, 2.2250738585072014e-308,
                   2.225073858507201e-308, 1.7976931348623157e+308, 2.0 ** -24, 2.0 ** -25, 2.0 ** -1074 * 3,
                   4.35, 0.3, 2.0 ** 63, 2.0 ** 64, 123456789012345680.0, 1e23, 8.41e21, 5.0e-324 * 2 ** 52])
    rows = []
    seen = set()
    for value in values:
        bits = double_to_bits(value)
        if bits in seen:
            continue
        seen.add(bits)
        rows.append('%016x\t%s\n' % (bits, dumps(value)))
    with open(os.path.join(OUT, 'python-float-repr.tsv'), 'w', encoding='ascii', newline='\n') as out:
        out.writelines(rows)
    return len(rows)


def float32_cases(rng):
    try:
        import numpy
    except ImportError:
        print('numpy not installed: python-float32-repr.tsv left as it is')
        return 0
    patterns = [rng.getrandbits(32) for _ in range(400)]
    patterns += [rng.randrange(1, 1 << 23) for _ in range(100)]
    patterns += [struct.unpack('<I', struct.pack('<f', float('1e%d' % e)))[0] for e in range(-45, 39)]
    patterns += [struct.unpack('<I', struct.pack('<f', v))[0] for v in (0.1, 0.2, 0.3, 1.1, 16777216.0, 3.4028235e+38)]
    patterns += [0x00000001, 0x80000001, 0x7f800000, 0xff800000, 0x00000000, 0x80000000]
    rows = []
    seen = set()
    for bits in patterns:
        value = numpy.frombuffer(struct.pack('<I', bits), dtype=numpy.float32)[0]
        if numpy.isnan(value) or bits in seen:
            continue
        seen.add(bits)
        rows.append('%08x\t%s\n' % (bits, dumps(float(str(value)))))
    with open(os.path.join(OUT, 'python-float32-repr.tsv'), 'w', encoding='ascii', newline='\n') as out:
        out.writelines(rows)
    return len(rows)


if __name__ == '__main__':
    os.makedirs(OUT, exist_ok=True)
    rng = random.Random(20240229)
    print('python-json-dumps.tsv:', write_cases(), 'rows')
    print('python-float-repr.tsv:', float_cases(rng), 'rows')
    print('python-float32-repr.tsv:', float32_cases(rng), 'rows')
