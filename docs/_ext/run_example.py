"""Run one example script as ``python script.py`` would, headless, and keep its figures.

Called by ``gallery.py`` in a fresh working directory: the script runs under the Agg
backend; the PNG files it writes there are its figures; if it writes none, the
figures it left open are saved as ``figure_1.png``, ``figure_2.png``, ...
"""
import glob
import os
import runpy
import sys


def main(script):
    os.environ["MPLBACKEND"] = "Agg"
    sys.argv = [script]
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    runpy.run_path(script, run_name="__main__")
    if glob.glob("*.png") or "matplotlib.pyplot" not in sys.modules:
        return
    import matplotlib.pyplot as plt

    for number in plt.get_fignums():
        plt.figure(number).savefig(f"figure_{number}.png", dpi=100)


if __name__ == "__main__":
    main(sys.argv[1])
