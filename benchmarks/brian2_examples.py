"""Run Brian2's published example scripts unchanged through brian_cg and through Brian2.

``python3 benchmarks/brian2_examples.py --examples BRIAN2_SRC/examples --work /tmp/exrun
[--cg-python PY] [--b2-python PY] [--which cg,b2] [--filter SUBSTR] [--timeout 300]``

Each script is copied twice (the whole examples tree, so ``from params import *`` and
``import plot_utils`` keep working): once as it is, for Brian2, and once with its imports
rewritten for brian_cg (``from brian2 import`` -> ``from brian_cg import``, ``import brian2
as b2`` -> ``import brian_cg as b2``, ``from brian2.a.b import`` -> ``from brian_cg.a.b
import`` where brian_cg has that module, else ``from brian_cg import``, which is noted).
Line numbers are kept, so a traceback line is the line of the original script.

A small runner executes a copy as ``__main__`` with matplotlib's Agg backend and
``plt.show`` made a no-op, under a wall-clock timeout, and afterwards (also after an
exception) prints one JSON line summarising every SpikeMonitor / EventMonitor /
StateMonitor / PopulationRateMonitor found in the script's globals (directly or in a
list/tuple/dict): spike count, mean rate, sum of spike times, the first spikes; per
recorded variable mean, std, shape, first and last value; the rate monitors' mean rate.

Brian2 runs with ``codegen.target = 'numpy'`` (a ``brian_preferences`` file next to each
copied script: Brian2's Cython compilation costs ~30 s per script on this machine; scripts
that set the target themselves keep theirs); ``--b2-target auto`` leaves Brian2's default.
Scripts that select ``cpp_standalone`` get ``--b2-standalone-timeout`` under Brian2
(a C++ project build), or are skipped for Brian2 with ``--skip-b2-standalone``.

Results are JSON files under WORK/results/{cg,b2}/; a script whose result exists is not run
again unless ``--force``. ``--table FILE`` writes the comparison as a Markdown table.
Scripts run one at a time.
"""
import argparse
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SUMMARY_TAG = "@@EXAMPLE_SUMMARY@@"
ERROR_TAG = "@@EXAMPLE_ERROR@@"

# Scripts that need SpatialNeuron (multicompartment models): listed, not run.
UNSUPPORTED_DIRS = ("compartmental/",)
# Modules used as helpers by other scripts, not examples of their own.
HELPER_MODULES = ("frompapers/Brette_2012/params.py", "frompapers/Stimberg_et_al_2018/plot_utils.py")

RANDOM_HINTS = re.compile(r"\brand\(|\brandn\(|\bxi\b|\bxi_|Poisson|\bp\s*=|random|normal\(|"
                          r"uniform\(|binomial|\bshuffle|\bchoice\(|rates\s*=")

RUNNER = r'''
import builtins, json, os, sys, traceback, types
import numpy as np

SUMMARY_TAG = "@@EXAMPLE_SUMMARY@@"
ERROR_TAG = "@@EXAMPLE_ERROR@@"
MONITORS = ("SpikeMonitor", "EventMonitor", "StateMonitor", "PopulationRateMonitor")


def _si(x):
    return np.asarray(x, dtype=float)


def _stats(a):
    a = np.asarray(a, dtype=float)
    finite = a[np.isfinite(a)] if a.size else a
    return {"shape": list(a.shape), "mean": float(finite.mean()) if finite.size else None,
            "std": float(finite.std()) if finite.size else None,
            "nonfinite": int(a.size - finite.size),
            "first": float(a.flat[0]) if a.size else None,
            "last": float(a.flat[-1]) if a.size else None}


def _summary_of(obj):
    kind = type(obj).__name__
    d = {"kind": kind}
    try:
        d["t_end"] = float(_si(obj.clock.t))
    except Exception as e:
        d["t_end_error"] = repr(e)[:200]
    if kind in ("SpikeMonitor", "EventMonitor"):
        t = _si(obj.t)
        i = np.asarray(obj.i).astype(np.int64)
        d["count"] = int(len(t))
        d["sum_t"] = float(t.sum())
        d["sum_i"] = int(i.sum())
        d["first"] = [[int(a), float(b)] for a, b in zip(i[:5], t[:5])]
        try:
            n = len(obj.source)
            d["n_source"] = n
            if d.get("t_end"):
                d["mean_rate"] = d["count"] / n / d["t_end"]
        except Exception as e:
            d["source_error"] = repr(e)[:200]
        variables = [v for v in getattr(obj, "record_variables", []) if v not in ("i", "t")]
        for v in variables:
            try:
                d["var:" + v] = _stats(_si(getattr(obj, v)))
            except Exception as e:
                d["var:" + v] = {"error": repr(e)[:200]}
    elif kind == "StateMonitor":
        try:
            d["n_t"] = int(len(_si(obj.t)))
        except Exception as e:
            d["t_error"] = repr(e)[:200]
        for v in getattr(obj, "record_variables", []):
            try:
                d["var:" + v] = _stats(_si(getattr(obj, v)))
            except Exception as e:
                d["var:" + v] = {"error": repr(e)[:200]}
    elif kind == "PopulationRateMonitor":
        r = _si(obj.rate)
        d["n_t"] = int(len(r))
        d["mean_rate"] = float(r.mean()) if r.size else None
        d["sum_rate"] = float(r.sum())
    return d


def _numeric_array(o):
    return isinstance(o, np.ndarray) and o.ndim >= 1 and o.size > 0 and o.dtype.kind in "biuf"


def _items(name, obj, depth=0):
    """(label, object) pairs: obj itself, or the elements of a list/tuple/dict (two levels)."""
    if isinstance(obj, (list, tuple)) and depth < 2:
        for k, o in enumerate(obj[:50]):
            yield from _items(f"{name}[{k}]", o, depth + 1)
    elif isinstance(obj, dict) and depth < 2:
        for k, o in list(obj.items())[:50]:
            yield from _items(f"{name}[{k!r}]", o, depth + 1)
    else:
        yield name, obj


def _summaries(namespace):
    """Monitors, and numeric arrays (results computed in worker processes end up there)."""
    found = {}
    for name, obj in list(namespace.items()):
        if name.startswith("_") or isinstance(obj, types.ModuleType):
            continue
        for label, o in _items(name, obj):
            if type(o).__name__ in MONITORS:
                try:
                    found[label] = _summary_of(o)
                except Exception as e:
                    found[label] = {"kind": type(o).__name__, "error": repr(e)[:300]}
            elif _numeric_array(o):
                try:
                    found["array:" + label] = {"kind": "array",
                                               "var:value": _stats(np.asarray(o, dtype=float))}
                except Exception as e:
                    found["array:" + label] = {"kind": "array", "error": repr(e)[:300]}
    return found


def main():
    path = os.path.abspath(sys.argv[1])
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    plt.show = lambda *a, **k: None
    sys.argv = [path]
    sys.path.insert(0, os.path.dirname(path))
    module = types.ModuleType("__main__")
    module.__file__ = path
    module.__builtins__ = builtins
    sys.modules["__main__"] = module
    with open(path) as f:
        code = compile(f.read(), path, "exec")
    status = 0
    try:
        exec(code, module.__dict__)  # the example script itself, as `python script.py` would
    except SystemExit as e:
        status = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except BaseException as e:
        traceback.print_exc()
        frames = [f for f in traceback.extract_tb(e.__traceback__)]
        here = [f for f in frames if os.path.abspath(f.filename) == path]
        in_examples = [f for f in frames if os.path.dirname(os.path.abspath(f.filename)) ==
                       os.path.dirname(path)]
        err = {"type": type(e).__name__, "message": str(e)[:2000],
               "script_line": here[-1].lineno if here else None,
               "script_text": here[-1].line if here else None,
               "example_frame": ([os.path.basename(in_examples[-1].filename),
                                  in_examples[-1].lineno, in_examples[-1].line]
                                 if in_examples else None),
               "innermost": [frames[-1].filename, frames[-1].lineno, frames[-1].name]
               if frames else None}
        print("\n" + ERROR_TAG + json.dumps(err), flush=True)
        status = 1
    fig_dir = os.environ.get("EXAMPLE_FIG_DIR")
    if fig_dir:  # the script's figures, for looking at differences
        try:
            os.makedirs(fig_dir, exist_ok=True)
            for n in plt.get_fignums():
                plt.figure(n).savefig(os.path.join(fig_dir, f"fig{n}.png"), dpi=60)
        except Exception as e:
            print(f"could not save figures: {e!r}", file=sys.stderr)
    try:
        print("\n" + SUMMARY_TAG + json.dumps(_summaries(module.__dict__)), flush=True)
    except BaseException as e:
        print("\n" + SUMMARY_TAG + json.dumps({"__summary_error__": repr(e)[:300]}), flush=True)
    sys.stdout.flush()
    sys.exit(status)


main()
'''


def list_examples(root):
    scripts = []
    for dirpath, _, files in os.walk(root):
        for f in files:
            if f.endswith(".py"):
                scripts.append(os.path.relpath(os.path.join(dirpath, f), root))
    return sorted(scripts)


def _cg_module_exists(dotted):
    parts = dotted.split(".")
    base = os.path.join(REPO, "brian_cg", *parts)
    return os.path.exists(base + ".py") or os.path.exists(os.path.join(base, "__init__.py"))


def rewrite_for_cg(source):
    """The brian_cg copy of a script: imports rewritten on their own lines.

    Returns (text, notes) where notes list imports without a brian_cg counterpart."""
    notes = []

    def from_import(m):
        indent, sub = m.group(1), m.group(2)
        if not sub:
            return f"{indent}from brian_cg import"
        dotted = sub[1:]
        if _cg_module_exists(dotted):
            return f"{indent}from brian_cg.{dotted} import"
        notes.append(f"brian2.{dotted} has no brian_cg.{dotted}; imported from brian_cg")
        return f"{indent}from brian_cg import"

    def plain_import(m):
        indent, sub, alias = m.group(1), m.group(2) or "", m.group(3)
        if alias:
            return f"{indent}import brian_cg{sub}{alias}"
        return f"{indent}import brian_cg{sub} as brian2{sub}" if not sub else \
            f"{indent}import brian_cg{sub}"

    text = re.sub(r"^(\s*)from brian2((?:\.\w+)*) import", from_import, source, flags=re.M)
    text = re.sub(r"^(\s*)import brian2((?:\.\w+)*)(\s+as\s+\w+)?", plain_import, text,
                  flags=re.M)
    return text, notes


def prepare_trees(examples, work, b2_target):
    """Copies of the examples tree: WORK/b2 as is, WORK/cg rewritten. Returns notes."""
    notes = {}
    for which in ("b2", "cg"):
        dest = os.path.join(work, which)
        if os.path.exists(dest):
            shutil.rmtree(dest)
        shutil.copytree(examples, dest)
    for rel in list_examples(examples):
        with open(os.path.join(examples, rel)) as f:
            src = f.read()
        text, n = rewrite_for_cg(src)
        if n:
            notes[rel] = n
        with open(os.path.join(work, "cg", rel), "w") as f:
            f.write(text)
    if b2_target != "auto":
        for dirpath, _, _ in os.walk(os.path.join(work, "b2")):
            with open(os.path.join(dirpath, "brian_preferences"), "w") as f:
                f.write(f"codegen.target = '{b2_target}'\n")
    with open(os.path.join(work, "runner.py"), "w") as f:
        f.write(RUNNER)
    return notes


def is_standalone(source):
    return "cpp_standalone" in source


def run_one(python, work, which, rel, timeout, env):
    path = os.path.join(work, "cg" if which.startswith("cg") else which, rel)
    logs = os.path.join(work, "logs", which)
    os.makedirs(logs, exist_ok=True)
    out_path = os.path.join(logs, rel.replace("/", "__") + ".out")
    err_path = os.path.join(logs, rel.replace("/", "__") + ".err")
    start = time.time()
    # Files, not pipes: worker processes a script leaves behind (joblib's) must not keep
    # the run open after the script itself has ended.
    with open(out_path, "w") as fout, open(err_path, "w") as ferr:
        env = dict(env, EXAMPLE_FIG_DIR=os.path.join(work, "figures", which,
                                                     rel.replace("/", "__")[:-3]))
        proc = subprocess.Popen([python, os.path.join(work, "runner.py"), path],
                                cwd=os.path.dirname(path), env=env, stdout=fout,
                                stderr=ferr, text=True, start_new_session=True)
        timed_out = False
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the script's own process group only
        except ProcessLookupError:
            pass
        proc.wait()
    with open(out_path, errors="replace") as f:
        out = f.read()
    with open(err_path, errors="replace") as f:
        err = f.read()
    wall = time.time() - start
    result = {"script": rel, "sim": which, "wall_s": round(wall, 1), "timeout": timed_out,
              "timeout_s": timeout, "returncode": None if timed_out else proc.returncode,
              "stderr_tail": err[-4000:], "stdout_tail": "", "summary": None, "error": None}
    plain = []
    for line in out.splitlines():
        if SUMMARY_TAG in line:  # a script's unterminated print may stand before the tag
            result["summary"] = json.loads(line.split(SUMMARY_TAG, 1)[1])
        elif ERROR_TAG in line:
            result["error"] = json.loads(line.split(ERROR_TAG, 1)[1])
        else:
            plain.append(line)
    result["stdout_tail"] = "\n".join(plain)[-3000:]
    return result


# ---------------------------------------------------------------------------------------
# comparison

def _close(a, b, rtol, atol=0.0):
    if a is None or b is None:
        return a is b
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return abs(a - b) <= atol + rtol * max(abs(a), abs(b))


def compare_summaries(cg, b2, random, cg_again=None):
    """Returns (verdict, list of differences). verdict: same / close / differs / random-ok.

    ``cg_again``: a second brian_cg run of the same script (other random numbers); for a
    random script a difference up to 4 times the run-to-run difference counts as random-ok."""
    cg_again = cg_again or {}
    diffs = []
    worst = "same"
    order = ["same", "close", "random-ok", "differs"]

    def bump(level):
        nonlocal worst
        if order.index(level) > order.index(worst):
            worst = level

    for name in sorted(set(cg) | set(b2)):
        if name not in cg or name not in b2:
            diffs.append(f"{name}: only in {'Brian2' if name in b2 else 'brian_cg'}")
            bump("differs")
            continue
        a, b = cg[name], b2[name]
        for key in sorted(set(a) | set(b)):
            if key in ("kind", "first") or key.endswith("_error"):
                continue
            if random and key in ("sum_t", "sum_i"):  # sums of spike times/indices: exact runs only
                continue
            va, vb = a.get(key), b.get(key)
            if isinstance(vb, dict) or isinstance(va, dict):
                va, vb = va or {}, vb or {}
                if "error" in va or "error" in vb:
                    diffs.append(f"{name}.{key}: brian_cg {va.get('error', 'ok')} / "
                                 f"Brian2 {vb.get('error', 'ok')}")
                    bump("differs")
                    continue
                if va.get("shape") != vb.get("shape"):
                    diffs.append(f"{name}.{key}.shape: {va.get('shape')} vs {vb.get('shape')}")
                    bump("differs")
                vc = (cg_again.get(name) or {}).get(key) or {}
                for stat in ("mean", "std", "nonfinite"):
                    x, y = va.get(stat), vb.get(stat)
                    level = _level(x, y, random, scale=max(abs(va.get("mean") or 0),
                                                           abs(vb.get("mean") or 0),
                                                           va.get("std") or 0, vb.get("std") or 0),
                                   noise=_diff(x, vc.get(stat)))
                    if level != "same":
                        diffs.append(f"{name}.{key}.{stat}: {x!r} vs {y!r}")
                        bump(level)
                continue
            if key in ("shape",):
                continue
            level = _level(va, vb, random, count=key in ("count", "sum_i"),
                           noise=_diff(va, (cg_again.get(name) or {}).get(key)))
            if level != "same":
                diffs.append(f"{name}.{key}: {va!r} vs {vb!r}")
                bump(level)
    return worst, diffs


def _diff(x, y):
    if isinstance(x, (int, float)) and isinstance(y, (int, float)):
        return abs(x - y)
    return 0.0


def _level(x, y, random, scale=None, count=False, noise=0.0):
    if isinstance(x, list) or isinstance(y, list):
        return "same" if x == y else "differs"
    if x is None or y is None:
        return "same" if x is y else "differs"
    x, y = float(x), float(y)
    scale = max(abs(x), abs(y)) if scale is None else scale
    d = abs(x - y)
    if d <= 1e-9 * scale or d == 0:
        return "same"
    if d <= 1e-4 * scale:
        return "close"
    if random:
        tol = max(0.15 * scale + (3 * math.sqrt(max(abs(x), abs(y))) + 1 if count else 0),
                  4 * noise)
        return "random-ok" if d <= tol else "differs"
    return "differs"


def outcome(res):
    if res is None:
        return "not run"
    if res.get("skipped"):
        return "skipped: " + res["skipped"]
    if res["timeout"]:
        return f"timeout ({res['timeout_s']} s)"
    if res["returncode"] == 0:
        return "runs"
    e = res.get("error")
    if e:
        where = f" (line {e['script_line']}: `{(e['script_text'] or '').strip()[:70]}`)" \
            if e.get("script_line") else ""
        return f"fails: {e['type']}: {e['message'].splitlines()[0][:160] if e['message'] else ''}{where}"
    tail = res["stderr_tail"].strip().splitlines()
    return f"fails: exit {res['returncode']}: {tail[-1][:160] if tail else ''}"


def _random(examples, rel):
    with open(os.path.join(examples, rel)) as f:
        return bool(RANDOM_HINTS.search(f.read()))


def _needs_spatialneuron(examples, rel):
    with open(os.path.join(examples, rel)) as f:
        return "SpatialNeuron" in f.read()


def comparison(work, examples, rel, cg, b2):
    """The comparison column: only where both simulators ran the script to its end."""
    if not (cg and b2) or cg.get("returncode") != 0 or b2.get("returncode") != 0:
        return ""
    if not cg["summary"] and not b2["summary"]:
        return "nothing to compare (no monitors or arrays in the globals)"
    random = _random(examples, rel)
    again = load_result(work, "cg_again", rel)
    verdict, diffs = compare_summaries(cg["summary"], b2["summary"], random,
                                       (again or {}).get("summary"))
    text = verdict + (" (random)" if random else "")
    if diffs:
        text += ": " + "; ".join(diffs[:6]) + (" ..." if len(diffs) > 6 else "")
    return text


def write_table(work, examples, notes, path):
    rows = ["| script | brian_cg | Brian2 2.11 | comparison |", "|---|---|---|---|"]
    for rel in list_examples(examples):
        if rel.startswith(UNSUPPORTED_DIRS):
            rows.append(f"| {rel} | unsupported (SpatialNeuron), not run | not run | |")
            continue
        if rel in HELPER_MODULES:
            continue
        cg, b2 = (load_result(work, w, rel) for w in ("cg", "b2"))
        cmp = comparison(work, examples, rel, cg, b2)
        if _needs_spatialneuron(examples, rel):
            cmp = "unsupported (SpatialNeuron)" + (f"; {cmp}" if cmp else "")
        note = f" [{'; '.join(notes[rel])}]" if rel in notes else ""
        wall = lambda r: f" ({r['wall_s']} s)" if r and "wall_s" in r else ""
        rows.append(f"| {rel}{note} | {outcome(cg).replace('|', '/')}{wall(cg)} | "
                    f"{outcome(b2).replace('|', '/')}{wall(b2)} | {cmp.replace('|', '/')} |")
    with open(path, "w") as f:
        f.write("\n".join(rows) + "\n")


def result_path(work, which, rel):
    return os.path.join(work, "results", which, rel.replace("/", "__") + ".json")


def load_result(work, which, rel):
    p = result_path(work, which, rel)
    if not os.path.exists(p):
        return None
    with open(p) as f:
        return json.load(f)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--examples", required=True, help="Brian2's examples folder")
    ap.add_argument("--work", default="/tmp/brian2_examples")
    ap.add_argument("--cg-python", default=sys.executable)
    ap.add_argument("--b2-python", default=None, help="a Python with brian2 (and matplotlib)")
    ap.add_argument("--which", default="cg,b2",
                    help="cg, b2, and cg_again: a second brian_cg run of the random scripts, "
                         "whose run-to-run differences set the tolerance of the comparison")
    ap.add_argument("--filter", default="", help="run only scripts whose path contains this")
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--b2-timeout", type=float, default=300)
    ap.add_argument("--b2-standalone-timeout", type=float, default=600)
    ap.add_argument("--skip-b2-standalone", action="store_true")
    ap.add_argument("--b2-target", default="numpy")
    ap.add_argument("--force", action="store_true")
    ap.add_argument("--table", default=None)
    ap.add_argument("--no-prepare", action="store_true", help="reuse WORK's copies")
    args = ap.parse_args()

    os.makedirs(args.work, exist_ok=True)
    notes_file = os.path.join(args.work, "import_notes.json")
    if args.no_prepare and os.path.exists(notes_file):
        with open(notes_file) as f:
            notes = json.load(f)
    else:
        notes = prepare_trees(args.examples, args.work, args.b2_target)
        with open(notes_file, "w") as f:
            json.dump(notes, f, indent=1)
    for which in ("cg", "b2", "cg_again"):
        os.makedirs(os.path.join(args.work, "results", which), exist_ok=True)

    base_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    base_env["MPLBACKEND"] = "Agg"
    envs = {"cg": dict(base_env, PYTHONPATH=REPO), "b2": dict(base_env)}
    envs["cg_again"] = envs["cg"]
    pythons = {"cg": args.cg_python, "b2": args.b2_python, "cg_again": args.cg_python}

    for rel in list_examples(args.examples):
        if rel.startswith(UNSUPPORTED_DIRS) or rel in HELPER_MODULES or args.filter not in rel:
            continue
        with open(os.path.join(args.examples, rel)) as f:
            source = f.read()
        for which in args.which.split(","):
            if pythons.get(which) is None:
                continue
            out = result_path(args.work, which, rel)
            if os.path.exists(out) and not args.force:
                continue
            if which == "cg_again":  # only random scripts that brian_cg ran to the end
                first = load_result(args.work, "cg", rel)
                if not RANDOM_HINTS.search(source) or not first or first.get("returncode") != 0:
                    continue
            timeout = args.timeout
            if which == "b2":
                timeout = args.b2_timeout
                if is_standalone(source):
                    if args.skip_b2_standalone:
                        res = {"script": rel, "sim": which, "skipped": "standalone build"}
                        with open(out, "w") as f:
                            json.dump(res, f)
                        continue
                    timeout = args.b2_standalone_timeout
            res = run_one(pythons[which], args.work, which, rel, timeout, envs[which])
            with open(out, "w") as f:
                json.dump(res, f, indent=1)
            print(f"{which} {rel}: {outcome(res)} ({res['wall_s']} s)", flush=True)
    if args.table:
        write_table(args.work, args.examples, notes, args.table)


if __name__ == "__main__":
    main()
