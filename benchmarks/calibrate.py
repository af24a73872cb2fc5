"""Measure the intelligibility figures per model and propose the cut-offs in interviewer/data/calibration.json.

    PYTHONPATH=. .venv/bin/python benchmarks/calibrate.py [--models tiny.en,base] [--write]

English: the clean and degraded answers of benchmarks/degrade.py. Foreign: French, German
and Spanish spoken by espeak-ng (a system package), clean and degraded the same way. Noise:
pink, fan and a humming room with no speech. Each file goes through `analyse_file`, and its
mean word probability and average log-prob are collected. The refuse cut-offs are put
halfway (in each figure) between the lowest English and the highest non-English, with the
rule "refused when both are under" that Heard.intelligible applies; the "unsure" cut-offs at
the 25th percentile of the degraded English.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import degrade  # noqa: E402

FOREIGN = {
    "fr": ["Dans mon dernier poste, j'ai dirigé l'équipe des paiements. Nos déploiements prenaient deux heures "
           "et échouaient souvent la nuit. J'ai reconstruit la chaîne de déploiement avec des contrôles automatiques.",
           "Pour trouver la médiane de deux tableaux triés, j'utiliserais une recherche binaire. Ensuite je vérifie "
           "que chaque élément de gauche est plus petit que chaque élément de droite."],
    "de": ["In meiner letzten Stelle habe ich das Zahlungsteam geleitet. Unsere Auslieferungen dauerten zwei "
           "Stunden und scheiterten oft in der Nacht. Ich habe die Pipeline mit automatischen Prüfungen neu gebaut.",
           "Eine Hashtabelle speichert Schlüssel in Eimern, die von einer Hashfunktion gewählt werden. Wenn die "
           "Tabelle voll wird, verdoppelt sie sich und verteilt jeden Schlüssel neu."],
    "es": ["En mi último puesto dirigí el equipo de pagos. Nuestros despliegues tardaban dos horas y a menudo "
           "fallaban por la noche. Reconstruí la cadena de despliegue con comprobaciones automáticas.",
           "Busco un salario de unos ciento cuarenta mil. Eso coincide con los datos del mercado para ingenieros "
           "con experiencia en esta ciudad, y soy flexible entre salario base y acciones."],
}


def foreign_items(folder: Path) -> list[tuple[str, Path]]:
    from interviewer.audio.decode import read_audio
    from interviewer.audio.resample import resample

    if not shutil.which("espeak-ng"):
        raise SystemExit("espeak-ng is needed: apt-get install espeak-ng")
    out = []
    for lang, texts in FOREIGN.items():
        for i, text in enumerate(texts):
            raw = folder / f"foreign-{lang}-{i}.raw.wav"
            if not raw.exists():
                subprocess.run(["espeak-ng", "-v", lang, "-s", "150", "-w", str(raw), text], check=True)
            clean = read_audio(raw)
            clean = np.concatenate([np.zeros(12000, np.float32), clean / (np.abs(clean).max() + 1e-9) * 0.7,
                                    np.zeros(12000, np.float32)])
            for cond in degrade.CONDITIONS:
                path = folder / f"foreign-{lang}-{i}-{cond}.wav"
                if not path.exists():
                    audio, rate = degrade.degrade(clean, cond, seed=i)
                    degrade.write_wav(path, audio, rate)
                out.append((f"foreign-{cond}", path))
    return out


def noise_items(folder: Path) -> list[tuple[str, Path]]:
    n = 16000 * 15
    rng = np.random.default_rng(5)
    noises = {"pink-35": degrade.pink(n, rng) * degrade.db(-35), "fan": degrade.fan_noise(n, -35.0),
              "room-hum": degrade.noisy_room(n, -30.0, 50.0), "silence": degrade.noisy_room(n, -70.0, None),
              "babble": sum(np.roll(degrade.fan_noise(n, -40.0, blade_hz=90.0 + 20 * k, seed=k), 4000 * k) for k in range(3))}
    out = []
    for name, audio in noises.items():
        path = folder / f"noise-{name}.wav"
        if not path.exists():
            degrade.write_wav(path, np.asarray(audio, np.float32), 16000)
        out.append(("noise", path))
    return out


def measure(model: str, items: list[tuple[str, Path]]) -> list[dict]:
    from interviewer.analyse import analyse_file
    from interviewer.speech.whisper import WhisperTranscriber

    whisper = WhisperTranscriber(model, beam_size=5, cpu_threads=2)
    whisper.load()
    rows = []
    for group, path in items:
        r = analyse_file(path, "behavioural", transcriber=whisper).to_dict()
        rec = r["audio"]["recognition"]
        rows.append({"group": group, "file": path.name, "p": rec["mean_word_probability"], "lp": rec["avg_logprob"],
                     "en": rec.get("english_probability"),
                     "spans": len(r["delivery"]["pauses"]) + 1 if r["transcript"]["words"] else 0,
                     "words": len(r["transcript"]["words"]), "credited": r["credited"]})
    return rows


def propose(rows: list[dict]) -> dict:
    eng = [r for r in rows if r["group"].startswith("english") and r["p"] is not None]
    other = [r for r in rows if not r["group"].startswith("english") and r["p"] is not None]
    # the lowest English must pass: "refused" needs both figures under the cut-off, so set each
    # cut-off just under the English minimum of that figure...
    p_cut = min(r["p"] for r in eng) - 0.02
    lp_cut = min(r["lp"] for r in eng) - 0.05
    leaks = [r["file"] for r in other if not (r["p"] < p_cut and r["lp"] < lp_cut)]
    degraded = [r for r in eng if not r["group"].endswith("clean")]
    return {"refuse_probability": round(p_cut, 3), "refuse_logprob": round(lp_cut, 3),
            "unsure_probability": round(float(np.percentile([r["p"] for r in degraded], 25)), 3) if degraded else 0.75,
            "unsure_logprob": round(float(np.percentile([r["lp"] for r in degraded], 25)), 3) if degraded else -0.45,
            "_leaks": leaks}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", default="tiny.en,base")
    ap.add_argument("--answers", type=int, default=len(degrade.ANSWERS))
    ap.add_argument("--dump", default=None)
    args = ap.parse_args()
    english = degrade.build_set(indices=range(args.answers))
    folder = english[0].path.parent
    items = [(f"english-{it.condition}", it.path) for it in english] + foreign_items(folder) + noise_items(folder)
    result = {}
    for model in args.models.split(","):
        rows = measure(model, items)
        result[model] = {"rows": rows, "proposed": propose(rows)}
        print(f"\n== {model}")
        for group in sorted({r["group"] for r in rows}):
            g = [r for r in rows if r["group"] == group and r["p"] is not None]
            if g:
                print(f"{group:16s} n={len(g):2d} mean word prob {min(r['p'] for r in g):.3f}..{max(r['p'] for r in g):.3f}"
                      f"  avg logprob {min(r['lp'] for r in g):.3f}..{max(r['lp'] for r in g):.3f}"
                      f"  credited {sum(r['credited'] for r in g)}")
            none = [r for r in rows if r["group"] == group and r["p"] is None]
            if none:
                print(f"{group:16s} n={len(none):2d} nothing heard (no speech found)")
        print("proposed:", result[model]["proposed"], flush=True)
    if args.dump:
        Path(args.dump).write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
