"""Baseline: a Jinja2 render loop, the upper bound of the Python Eventum.

The scenario's template text rendered by Jinja2 on one thread, with a
context of plain Python equivalents of what the templates read: a `locals`
object with `incr`, samples as tuples (rows as named tuples), a `random`
filter using `random.choice`, a minimal `module.rand` with exactly the
functions the benchmark templates call (Python's `random` and `uuid`), and a
`timestamp` that is a `datetime` with `tzinfo`; `{% do %}` is enabled. No
inputs, plugins or outputs around it: whatever the Python Eventum adds can
only make it slower. Events go to the output in chunks of about 1 MiB.

Run with Debian's interpreter, which has Jinja2:
`/usr/bin/python3 bench/baselines/jinja2_loop.py NAME COUNT OUT`
"""

import csv
import itertools
import json
import random
import re
import string
import sys
import uuid
from collections import namedtuple
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import jinja2

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
NAMES = ("counter", "json-1kb", "access-line", "pattern-10m")
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
START_US = int((datetime(2024, 1, 1, tzinfo=timezone.utc) - EPOCH).total_seconds()) * 1_000_000
DAY_US = 86_400_000_000

# IPv4 ranges that are not public, as module.rand.network.ip_v4_public() skips them.
NOT_PUBLIC = [
    (first, first + 2 ** (32 - prefix) - 1)
    for first, prefix in (
        (0x00000000, 8), (0x0A000000, 8), (0x64400000, 10), (0x7F000000, 8), (0xA9FE0000, 16),
        (0xAC100000, 12), (0xC0000000, 24), (0xC0000200, 24), (0xC0586300, 24), (0xC0A80000, 16),
        (0xC6120000, 15), (0xC6336400, 24), (0xCB007100, 24), (0xE0000000, 3),
    )
]
PRIVATE = ((0x0A000000, 0x0AFFFFFF), (0xAC100000, 0xAC1FFFFF), (0xC0A80000, 0xC0A8FFFF))


def ipv4(n):
    return f"{n >> 24}.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


def ip_v4_public():
    while True:
        n = random.getrandbits(32)
        if not any(first <= n <= last for first, last in NOT_PUBLIC):
            return ipv4(n)


def ip_v4_private():
    first, last = random.choice(PRIVATE)
    return ipv4(random.randint(first, last))


def chars(alphabet):
    return lambda size: "".join(random.choices(alphabet, k=size))


RAND = SimpleNamespace(
    choice=random.choice,
    weighted_choice=lambda items, weights: random.choices(items, weights)[0],
    number=SimpleNamespace(integer=random.randint),
    string=SimpleNamespace(
        digits=chars(string.digits),
        letters=chars(string.ascii_letters),
        letters_lowercase=chars(string.ascii_lowercase),
    ),
    network=SimpleNamespace(
        ip_v4_public=ip_v4_public,
        ip_v4_private=ip_v4_private,
        mac=lambda: ":".join(f"{random.getrandbits(8):02x}" for _ in range(6)),
    ),
    crypto=SimpleNamespace(
        uuid4=lambda: str(uuid.uuid4()),
        md5=lambda: f"{random.getrandbits(128):032x}",
    ),
)


class Locals:
    """The State API's `locals`, reduced to `incr`."""

    def __init__(self):
        self._values = {}

    def incr(self, key, by=1):
        value = self._values.get(key, 0) + by
        self._values[key] = value
        return value


class Sample(tuple):
    """A sample: a tuple of rows with `weighted_pick(field)` (cumulative weights cached per field)."""

    def weighted_pick(self, field):
        cache = self.__dict__.setdefault("_cumulative", {})
        cumulative = cache.get(field)
        if cumulative is None:
            cumulative = cache[field] = list(itertools.accumulate(getattr(row, field) for row in self))
        return random.choices(self, cum_weights=cumulative)[0]


def json_sample(path):
    data = json.loads(path.read_text())
    row = namedtuple("Row", data[0].keys())
    return Sample(row(**item) for item in data)


def template_text(name):
    evt = (SCENARIOS / f"{name}.evt").read_text()
    inline = re.search(r'template\s+\w+\s+"""([\s\S]*?)"""', evt)
    if inline:
        return inline.group(1)
    file = re.search(r'template\s+\w+\s+file\s+"([^"]+)"', evt)
    return (SCENARIOS / file.group(1)).read_text()


def sample_items(name, sample):
    evt = (SCENARIOS / f"{name}.evt").read_text()
    return json.loads(re.search(rf"\b{sample}\s+items\s+(\[[^\]]*\])", evt).group(1))


def samples_of(name):
    if name == "counter":
        with open(SCENARIOS / "computers.csv", newline="") as f:
            return {"computers": Sample(tuple(row) for row in csv.reader(f) if row)}
    if name == "access-line":
        return {
            "paths": Sample(sample_items(name, "paths")),
            "agents": json_sample(SCENARIOS / "agents.json"),
        }
    return {}


def main():
    name, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if name not in NAMES:
        sys.exit(f"Unknown scenario `{name}`: expected one of {', '.join(NAMES)}")
    random.seed(1)
    env = jinja2.Environment(autoescape=False, extensions=["jinja2.ext.do"])
    env.filters["random"] = random.choice
    template = env.from_string(template_text(name))
    context = {"locals": Locals(), "samples": samples_of(name), "module": SimpleNamespace(rand=RAND)}
    span = 10 * DAY_US if name == "pattern-10m" else DAY_US
    step = span / (count - 1) if count > 1 else 0
    render = template.render
    with open(out, "w", buffering=1 << 20) as sink:
        lines = []
        for i in range(count):
            context["timestamp"] = EPOCH + timedelta(microseconds=round(START_US + i * step))
            lines.append(render(context).strip())
            if len(lines) == 4096:
                lines.append("")
                sink.write("\n".join(lines))
                lines = []
        if lines:
            lines.append("")
            sink.write("\n".join(lines))


if __name__ == "__main__":
    main()
