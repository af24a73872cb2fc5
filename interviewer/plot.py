"""progress --plot: one PNG of the trends, drawn with matplotlib's Agg backend (no display needed)."""
from __future__ import annotations

from pathlib import Path

from .errors import UserError

PANELS = (("fillers_per_minute", "fillers a minute", "lower is better"),
          ("longest_pause_s", "longest pause (s)", "lower is better"),
          ("time_to_first_word_s", "time to first word (s)", "lower is better"),
          ("words_per_minute", "words a minute", "120 to 160 is good"),
          ("parts_covered", "parts covered", "higher is better"),
          ("nudges", "nudges needed", "lower is better"),
          ("length_off_target_s", "seconds outside target length", "0 is on target"))


def plot_trends(rows: list[dict], weak: dict, path: Path) -> Path:
    try:
        import matplotlib
    except ImportError:
        raise UserError("--plot needs matplotlib: pip install 'interviewer[report]'") from None
    matplotlib.use("Agg")  # files only: never open a window or need a display
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 4, figsize=(12, 5.6), dpi=90)
    x = list(range(1, len(rows) + 1))
    for ax, (key, title, hint) in zip(axes.flat, PANELS):
        ys = [r.get(key) for r in rows]
        pts = [(i, y) for i, y in zip(x, ys) if y is not None]
        if pts:
            ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", color="#0969da")
        if key == "words_per_minute":
            ax.axhspan(120, 160, color="#dafbe1", zorder=0)
        ax.set_title(title, fontsize=10)
        ax.set_xlabel(hint, fontsize=8, color="#656d76")  # below the axis, never over a point
        ax.set_xticks(x)
        ax.set_xticklabels([(r.get("started") or r["session"])[5:10] for r in rows], fontsize=7, rotation=30)
        ax.grid(alpha=0.3)
    ax = axes.flat[-1]
    parts = weak["parts"][:6][::-1]
    ax.barh([p["part"].replace("_", " ") for p in parts], [p["missing"] for p in parts], color="#fb8f44")
    ax.set_title(f"most often missing (last {weak['answers']} answers)", fontsize=10)
    ax.tick_params(labelsize=8)
    fig.suptitle("Interview practice: trends by session", fontsize=12)
    fig.tight_layout()
    try:
        fig.savefig(path)
    except OSError as e:
        raise UserError(f"cannot write {path} ({e.strerror or e})") from None
    finally:
        plt.close(fig)
    return path
