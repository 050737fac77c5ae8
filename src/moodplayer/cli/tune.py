"""``moodplayer tune`` and ``moodplayer eval``: DAPT and its baselines from the shell."""

from __future__ import annotations

import sys
import time

from .common import (EXIT_NOTHING, EXIT_OK, add_json, add_model_options, epilog, note, print_json,
                     settings_from)
from .progress import Progress


def _load(args, training: bool):
    """Model (fp32 for training unless --precision is given), taxonomy, device."""
    from ..core.factory import load_backbone

    settings = settings_from(args)
    note(f"Loading {settings.model} ...", args.quiet)
    model, taxonomy = load_backbone(settings, args.precision or ("fp32" if training else None))
    return model, taxonomy, model.device


def _config(args, method: str, shots):
    from ..engine.dapt.trainer import TuneConfig

    cfg = TuneConfig(method=method, shots=shots, epochs=args.epochs, lr=args.lr,
                     seed=getattr(args, "seed", 1) or 1, ctx_init=args.ctx_init)
    if args.text_tokens is not None:
        cfg.n_text = args.text_tokens
    if args.visual_tokens is not None:
        cfg.n_visual = args.visual_tokens
    for name in ("beta_v", "beta_t", "rbf_t", "visual_lr_scale"):
        value = getattr(args, name, None)
        if value is not None:
            setattr(cfg, name, value)
    if args.train_batch is not None:
        cfg.batch_size = args.train_batch
    if args.no_flip:
        cfg.flip = False
    return cfg


def _print_problems(problems, limit: int = 10) -> None:
    for p in problems[:limit]:
        print(f"skipped: {p}", file=sys.stderr)
    if len(problems) > limit:
        print(f"... and {len(problems) - limit} more problems", file=sys.stderr)


def cmd_tune(args) -> int:
    from ..engine import paths
    from ..engine.dapt.adapter import save_adapter
    from ..engine.dapt.data import few_shot_split, load_labelled
    from ..engine.dapt.trainer import train

    model, taxonomy, device = _load(args, training=True)
    data = load_labelled(args.data, taxonomy)
    train_set = few_shot_split(data, args.shots, args.seed)[0] if args.shots else data
    train_set.problems = data.problems + train_set.problems
    shots = args.shots or min(c for c in data.counts().values() if c) if data.items else None
    cfg = _config(args, args.method, shots)
    with Progress("tune", quiet=args.quiet) as progress:
        result = train(model, taxonomy, train_set, cfg, device, progress)
    out = args.out or (paths.adapters_dir() /
                       f"{taxonomy.id}-{args.method}-{time.strftime('%Y%m%d-%H%M%S')}.safetensors")
    path = save_adapter(result.adapter, out)
    _print_problems(train_set.problems)
    summary = {"adapter": str(path), "method": args.method, "photos": len(train_set.items),
               "epochs": len(result.history), "seconds": round(result.seconds, 2),
               "seconds_per_epoch": round(result.seconds_per_epoch, 4),
               "train_accuracy": result.history[-1]["train_acc"] if result.history else None,
               "problems": train_set.problems}
    if args.json:
        print_json(summary)
    else:
        print(f"Adapter saved to {path}\n  {summary['photos']} photos, {summary['epochs']} epochs "
              f"in {summary['seconds']} s, final training accuracy "
              f"{(summary['train_accuracy'] or 0) * 100:.1f}%")
    return EXIT_OK


def _fmt(mean, std) -> str:
    if mean is None:
        return "   n/a"
    return f"{mean * 100:5.1f}% ± {std * 100:4.1f}"


def cmd_eval(args) -> int:
    from ..engine.dapt import metrics
    from ..engine.dapt.adapter import load_adapter, make_head
    from ..engine.dapt.data import load_labelled
    from ..engine.dapt.evaluation import EvalReport, evaluate, score_head

    try:
        seeds = [int(s) for s in str(args.seeds).split(",") if s.strip()]
    except ValueError:
        print(f"--seeds must be numbers separated by commas, got '{args.seeds}'", file=sys.stderr)
        return EXIT_NOTHING
    model, taxonomy, device = _load(args, training=args.method != "zero-shot" and not args.adapter)
    data = load_labelled(args.data, taxonomy)
    if args.adapter:  # score a finished adapter on every photo given: no split, no training
        adapter = load_adapter(args.adapter)
        scores = score_head(make_head(adapter, model, taxonomy), model, data)
        report = EvalReport(adapter.method, None, [], metrics.aggregate([scores], taxonomy.names),
                            [{"seed": None, **scores, "n_train": 0, "n_test": scores["n"],
                              "train_seconds": 0.0}], data.problems)
    else:
        def on_seed(seed, run):
            if not args.quiet:
                print(f"seed {seed}: accuracy {run['accuracy'] * 100:.1f}%  macro-F1 "
                      f"{run['macro_f1'] * 100:.1f}%  ({run['n_train']} train / {run['n_test']} "
                      f"test photos, {run['train_seconds']:.1f} s training)", file=sys.stderr)
        with Progress("eval", quiet=args.quiet) as progress:
            report = evaluate(model, taxonomy, data, args.method, args.shots, seeds, device,
                              _config(args, args.method, args.shots), progress, on_seed=on_seed)
    _print_problems(report.problems)
    if args.json:
        print_json(report.to_json())
        return EXIT_OK
    s = report.summary
    print(f"{report.method}, {report.shots or 'all'} shots, seeds {report.seeds or '-'}")
    print(f"  accuracy  {_fmt(s['accuracy'], s['accuracy_std'])}")
    print(f"  macro-F1  {_fmt(s['macro_f1'], s['macro_f1_std'])}")
    print("  recall per class")
    for name in taxonomy.names:
        print(f"    {name:<12} {_fmt(s['per_class'][name], s['per_class_std'][name])}")
    width = max(len(n) for n in taxonomy.names)
    print("  confusion matrix (rows: true, columns: predicted; summed over seeds)")
    print("    " + " " * width + " " + " ".join(f"{n[:5]:>5}" for n in taxonomy.names))
    for name, row in zip(taxonomy.names, s["confusion"]):
        print(f"    {name:<{width}} " + " ".join(f"{v:>5}" for v in row))
    return EXIT_OK


def _add_tuning_options(p) -> None:
    p.add_argument("--data", required=True, metavar="PATH",
                   help="a folder with one sub-folder per emotion, or a CSV of path,label")
    p.add_argument("--epochs", type=int, help="default: 50 for 1 shot, 100 for 2-4, 200 for 8+")
    p.add_argument("--lr", type=float, help="SGD learning rate (default per method)")
    p.add_argument("--text-tokens", type=int, help="learnable text context vectors (default 16)")
    p.add_argument("--visual-tokens", type=int, help="visual prompt tokens for dapt (default 16)")
    p.add_argument("--ctx-init", metavar="WORDS",
                   help="start the text context from these words (e.g. 'a photo of'); "
                        "default: random, as in the paper")
    p.add_argument("--beta-v", type=float, help="weight of the visual intra-dispersion term (default 0.1)")
    p.add_argument("--beta-t", type=float, help="weight of the text inter-dispersion term (default 0.1)")
    p.add_argument("--rbf-t", type=float, help="t of the inter-dispersion kernel exp(-t d^2) (default 2.0)")
    p.add_argument("--visual-lr-scale", type=float,
                   help="the visual prompts' learning rate as a multiple of --lr (default 1: one "
                        "rate, as the paper)")
    p.add_argument("--train-batch", type=int, help="photos per SGD step (default 32)")
    p.add_argument("--no-flip", action="store_true",
                   help="do not mirror training photos (when left/right carries meaning)")
    add_json(p)
    add_model_options(p)


def register(sub) -> None:
    p = sub.add_parser(
        "tune", help="tune CLIP's emotion reading on labelled photos (DAPT)",
        description="Learn prompts (DAPT, CoOp) or a linear probe from photos you labelled, and "
                    "save them as an adapter file that 'analyze --adapter' and the window use.",
        epilog=epilog("moodplayer tune --data ~/labelled-photos",
                      "moodplayer labels --export labels.csv && moodplayer tune --data labels.csv",
                      "moodplayer tune --data photos/ --method coop --shots 4 --out coop.safetensors"))
    p.add_argument("--method", choices=["dapt", "coop", "linear"], default="dapt",
                   help="dapt: text and visual prompts with dispersion terms; coop: text prompts "
                        "only; linear: a classifier on image features (default dapt)")
    p.add_argument("--shots", type=int, help="photos per class to train on (default: all)")
    p.add_argument("--seed", type=int, default=1,
                   help="for shot sampling and initialisation (default 1)")
    p.add_argument("--out", metavar="FILE", help="adapter file (default: in the app's adapters folder)")
    _add_tuning_options(p)
    p.set_defaults(run=cmd_tune)

    p = sub.add_parser(
        "eval", help="few-shot evaluation: train on K shots per class, test on the rest",
        description="Measure a method: for each seed, train on --shots photos per class and score "
                    "the rest (accuracy, macro-F1, recall per class, confusion matrix).",
        epilog=epilog("moodplayer eval --data photos/ --method zero-shot",
                      "moodplayer eval --data photos/ --method dapt --shots 8 --seeds 1,2,3 --json",
                      "moodplayer eval --data held-out/ --adapter my.safetensors"))
    p.add_argument("--method", choices=["zero-shot", "linear", "coop", "dapt"], default="dapt",
                   help="what to train and score (default dapt)")
    p.add_argument("--shots", type=int, default=16, help="training photos per class (default 16)")
    p.add_argument("--seeds", default="1,2,3", help="comma-separated seeds (default 1,2,3)")
    p.add_argument("--adapter", metavar="FILE",
                   help="score this adapter on every photo of --data instead (no training)")
    _add_tuning_options(p)
    p.set_defaults(run=cmd_eval)
