"""Does the extractor notice when a sentence reports an encounter? A smoke test on PETRARCH's validation set.

Each record of the JSON Lines file (see the README beside it) is one sentence with CAMEO codings
by the PETRARCH developers; ``meeting`` is true when any gold event is coded 036 (intent to meet
or negotiate) or 040-046 (consult, visit, host, meet, mediate, negotiate). Each sentence is
extracted alone, as a one-sentence article, and counts as detected when the extractor finds any
meeting, phone call, visit or invitation in it: invitations and planned meetings are intents to
meet, which CAMEO codes as 036, so they count too. The gold names countries, not people, so only
detection is scored here, not who took part.

    .venv/bin/python bench/petrarch_check.py [SENTENCES.jsonl] [--verbose] [--model NAME]
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from kb.model import Article  # noqa: E402

DEFAULT = ROOT / ".." / "shared" / "eval" / "petrarch" / "sentences.jsonl"
ENCOUNTER_KINDS = {"meeting", "phone_call", "visit", "invitation"}


def load(path: Path) -> list[dict]:
    """The records, each checked for the three fields this check needs."""
    records = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            if not {"id", "text", "meeting"} <= record.keys():
                raise SystemExit(f"{path}:{n}: a record needs 'id', 'text' and 'meeting'")
            records.append(record)
    return records


def as_article(record: dict) -> Article:
    """A one-sentence article; the record's date lets 'on Wednesday' resolve as in a real story."""
    try:
        published = date.fromisoformat(record.get("date") or "")
    except ValueError:
        published = None
    return Article(id=record["id"], text=record["text"], title=None, published=published)


def describe(extraction) -> list[str]:
    out = []
    for event in extraction.events:
        people = [extraction.people[k].name if k in extraction.people else k for k in event.participants]
        out.append(f"{event.kind} ({event.status}) [{', '.join(people)}]")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sentences", nargs="?", type=Path, default=DEFAULT,
                        help="the JSON Lines file (default: ../shared/eval/petrarch/sentences.jsonl)")
    parser.add_argument("--verbose", "-v", action="store_true", help="list the false negatives and positives")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the project's setting)")
    args = parser.parse_args(argv)

    from kb.extract import create_extractor

    records = load(args.sentences)
    extractor = create_extractor(model=args.model)
    found = {}
    for extraction in extractor.extract_many(as_article(r) for r in records):
        encounters = [e for e in extraction.events if e.kind in ENCOUNTER_KINDS]
        found[extraction.article.id] = (bool(encounters), describe(extraction))

    tp = fp = fn = tn = 0
    misses, false_alarms = [], []
    by_kind: dict[str, list[int]] = {}
    for record in records:
        detected, events = found[record["id"]]
        gold = bool(record["meeting"])
        counts = by_kind.setdefault(record.get("text_kind", "?"), [0, 0, 0, 0])
        if gold and detected:
            tp += 1
            counts[0] += 1
        elif detected:
            fp += 1
            counts[1] += 1
            false_alarms.append((record, events))
        elif gold:
            fn += 1
            counts[2] += 1
            misses.append((record, events))
        else:
            tn += 1
            counts[3] += 1

    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"{len(records)} sentences, {tp + fn} report an encounter (gold), {tp + fp} detected")
    print(f"tp={tp} fp={fp} fn={fn} tn={tn}  accuracy={(tp + tn) / len(records):.3f}")
    for kind, (k_tp, k_fp, k_fn, k_tn) in sorted(by_kind.items()):
        print(f"  {kind:<24} tp={k_tp} fp={k_fp} fn={k_fn} tn={k_tn}")
    if args.verbose:
        for title, items in (("false negatives (gold encounter, none extracted)", misses),
                             ("false positives (encounter extracted, none in gold)", false_alarms)):
            print(f"\n{title}: {len(items)}")
            for record, events in items:
                codes = ", ".join(f"{e.get('code')} {e.get('source')}->{e.get('target')}"
                                  for e in record.get("gold_events", [])) or "no events"
                print(f"  {record['id']}: {record['text']}")
                print(f"      gold: {codes}")
                if events:
                    print(f"      extracted: {'; '.join(events)}")
    print(f"detection: precision={precision:.3f} recall={recall:.3f} f1={f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
