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
    if args.ctx_init or (args.text_tokens is not None and not args.text_prompts):
        cfg.text_prompts = "shared"  # words or a count for CoOp's shared context
    for name in ("text_prompts", "beta_v", "beta_t", "rbf_t", "visual_lr_scale"):
        value = getattr(args, name, None)
        if value is not None:
            setattr(cfg, name, value)
    if args.text_tokens is not None:
        cfg.n_text = args.text_tokens
    if args.visual_tokens is not None:
        cfg.n_visual = args.visual_tokens
    if args.train_batch is not None:
        cfg.batch_size = args.train_batch
    cfg.flip, cfg.crop = not args.no_flip, not args.no_crop
    cfg.visual_gate = not args.open_visual_prompts
    return cfg


def _manual(args) -> bool:
    """A learning rate given: train with the settings as given, no search, no blend."""
    return args.lr is not None


def _refused(args) -> bool:
    """Settings only one of the two ways takes; says why on stderr."""
    if not _manual(args) and (args.epochs is not None or args.visual_lr_scale is not None):
        print("--epochs and --visual-lr-scale go with --lr (settings as given); the automatic "
              "search chooses them itself (cap its epochs with --max-epochs)", file=sys.stderr)
        return True
    return False


def _print_problems(problems, limit: int = 10) -> None:
    for p in problems[:limit]:
        print(f"skipped: {p}", file=sys.stderr)
    if len(problems) > limit:
        print(f"... and {len(problems) - limit} more problems", file=sys.stderr)


def cmd_tune(args) -> int:
    from ..engine.dapt.data import few_shot_split, load_labelled

    if _refused(args):
        return EXIT_NOTHING
    model, taxonomy, device = _load(args, training=True)
    data = load_labelled(args.data, taxonomy)
    train_set = few_shot_split(data, args.shots, args.seed)[0] if args.shots else data
    train_set.problems = data.problems + train_set.problems
    shots = args.shots or min(c for c in data.counts().values() if c) if data.items else None
    cfg = _config(args, args.method, shots)
    if _manual(args):
        return _tune_as_given(args, model, taxonomy, device, train_set, cfg)

    from ..core.tuning import tune_labelled

    budget = None if args.budget_minutes is None else args.budget_minutes * 60
    with Progress("tune", quiet=args.quiet) as progress:
        report = tune_labelled(model, taxonomy, train_set, args.out, args.method, cfg,
                               args.visual, args.max_epochs,
                               budget if args.budget_minutes is not None else "default", progress)
    _print_problems(train_set.problems)
    if args.json:
        print_json({"adapter": report.adapter_path, "method": args.method,
                          "photos": len(train_set.items), "outcome": report.outcome,
                          "weight": report.weight, "before": report.before,
                          "after": report.after, "message": report.message,
                          "search": report.details, "problems": train_set.problems})
    else:
        print(report.message)
        if report.adapter_path:
            print(f"Adapter saved to {report.adapter_path}")
    return EXIT_OK


def _tune_as_given(args, model, taxonomy, device, train_set, cfg) -> int:
    from ..engine import paths
    from ..engine.dapt.adapter import save_adapter
    from ..engine.dapt.trainer import train

    with Progress("tune", quiet=args.quiet) as progress:
        result = train(model, taxonomy, train_set, cfg, device, progress)
    out = args.out or (paths.adapters_dir() /
                       f"{taxonomy.id}-{args.method}-{time.strftime('%Y%m%d-%H%M%S')}.safetensors")
    path = save_adapter(result.adapter, out)
    _print_problems(train_set.problems)
    summary = {"adapter": str(path), "method": args.method, "photos": len(train_set.items),
               "outcome": "as given", "epochs": len(result.history),
               "seconds": round(result.seconds, 2),
               "seconds_per_epoch": round(result.seconds_per_epoch, 4),
               "train_accuracy": result.history[-1]["train_acc"] if result.history else None,
               "problems": train_set.problems}
    if args.json:
        print_json(summary)
    else:
        print(f"Adapter saved to {path}\n  {summary['photos']} photos, {summary['epochs']} epochs "
              f"in {summary['seconds']} s, final training accuracy "
              f"{(summary['train_accuracy'] or 0) * 100:.1f}% (settings as given: no held-out "
              f"check against zero-shot; leave out --lr for that)")
    return EXIT_OK


def _fmt(mean, std) -> str:
    if mean is None:
        return "   n/a"
    return f"{mean * 100:5.1f}% ± {std * 100:4.1f}"


def _seeds(text) -> list:
    try:
        return [int(s) for s in str(text).split(",") if s.strip()]
    except ValueError:
        return []


def _on_seed(args):
    def show(seed, run):
        if not args.json:
            print(f"seed {seed}: accuracy {run['accuracy'] * 100:.1f}%  macro-F1 "
                  f"{run['macro_f1'] * 100:.1f}%  ({run['n_train']} train / {run['n_test']} "
                  f"test photos, {run['train_seconds']:.1f} s training)", file=sys.stderr)
    return show


def cmd_eval(args) -> int:
    from ..engine.dapt import metrics
    from ..engine.dapt.adapter import load_adapter, make_head
    from ..engine.dapt.data import load_labelled
    from ..engine.dapt.evaluation import EvalReport, evaluate, score_head

    seeds = _seeds(args.seeds)
    if not seeds:
        print(f"--seeds must be numbers separated by commas, got '{args.seeds}'", file=sys.stderr)
        return EXIT_NOTHING
    if not args.adapter and args.method != "zero-shot" and _refused(args):
        return EXIT_NOTHING
    model, taxonomy, device = _load(args, training=args.method != "zero-shot" and not args.adapter)
    data = load_labelled(args.data, taxonomy)
    if args.compare:
        return _compare(args, model, taxonomy, device, data, seeds)
    if args.adapter:  # score a finished adapter on every photo given: no split, no training
        adapter = load_adapter(args.adapter)
        scores = score_head(make_head(adapter, model, taxonomy), model, data)
        report = EvalReport(adapter.method, None, [], metrics.aggregate([scores], taxonomy.names),
                            [{"seed": None, **scores, "n_train": 0, "n_test": scores["n"],
                              "train_seconds": 0.0}], data.problems)
    else:
        with Progress("eval", quiet=args.quiet) as progress:
            report = evaluate(model, taxonomy, data, args.method, args.shots, seeds, device,
                              _config(args, args.method, args.shots), progress,
                              on_seed=_on_seed(args), auto=None if _manual(args) else args.visual,
                              max_epochs=args.max_epochs)
    _print_problems(report.problems)
    if args.json:
        print_json(report.to_json())
        return EXIT_OK
    _print_report(report, taxonomy)
    return EXIT_OK


def _print_report(report, taxonomy) -> None:
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


def _compare(args, model, taxonomy, device, data, seeds) -> int:
    """``eval --compare``: the ablation table, every row with the automatic settings."""
    from ..engine.dapt.evaluation import compare

    if _manual(args):
        print("--compare chooses every method's settings itself: leave out --lr", file=sys.stderr)
        return EXIT_NOTHING

    def on_row(name, report):
        if not args.json:
            print(f"{name}: accuracy {_fmt(report.summary['accuracy'], report.summary['accuracy_std'])}",
                  file=sys.stderr)

    with Progress("eval", quiet=args.quiet) as progress:
        rows = compare(model, taxonomy, data, args.shots, seeds, device,
                       _config(args, "dapt", args.shots), progress, on_row=on_row,
                       max_epochs=args.max_epochs)
    problems = sorted({p for _, r in rows for p in r.problems})
    _print_problems(problems)
    if args.json:
        print_json({"shots": args.shots, "seeds": seeds, "problems": problems,
                          "rows": [{"name": name, **r.to_json()} for name, r in rows]})
        return EXIT_OK
    print(f"{args.shots} shots per class, seeds {seeds}; mean ± spread (std) over seeds")
    print(f"  {'':<24} {'accuracy':>14} {'macro-F1':>14} {'blend':>6} {'train s':>8}")
    for name, r in rows:
        weights = [x["blend_weight"] for x in r.runs if x.get("blend_weight") is not None]
        blend = f"{sum(weights) / len(weights):.2f}" if weights else "-"
        seconds = sum(x["train_seconds"] for x in r.runs) / len(r.runs)
        print(f"  {name:<24} {_fmt(r.summary['accuracy'], r.summary['accuracy_std']):>14} "
              f"{_fmt(r.summary['macro_f1'], r.summary['macro_f1_std']):>14} {blend:>6} "
              f"{seconds:>8.1f}")
    return EXIT_OK


def _add_tuning_options(p) -> None:
    p.add_argument("--data", required=True, metavar="PATH",
                   help="a folder with one sub-folder per emotion, or a CSV of path,label")
    auto = p.add_argument_group("automatic settings (the default)")
    auto.add_argument("--visual", choices=["auto", "on", "off"], default="auto",
                      help="dapt's visual prompts: tried and kept if they help (auto), always "
                           "(on), never (off)")
    auto.add_argument("--max-epochs", type=int, help="cap on every trial's epochs (default 40)")
    manual = p.add_argument_group("settings as given (--lr turns the search off)")
    manual.add_argument("--lr", type=float, help="SGD learning rate: no search, no blend")
    manual.add_argument("--epochs", type=int, help="with --lr (default: 50 for 1 shot, 100 for "
                                                   "2-4, 200 for 8+)")
    manual.add_argument("--visual-lr-scale", type=float,
                        help="the visual prompts' learning rate as a multiple of --lr")
    p.add_argument("--text-prompts", choices=["anchored", "ensemble", "shared"],
                   help="anchored (default): one template's words, added to the zero-shot "
                        "ensemble; ensemble: every template and word (slow); shared: CoOp's "
                        "16 shared vectors, random at first (the paper)")
    p.add_argument("--text-tokens", type=int, help="shared context vectors (default 16)")
    p.add_argument("--visual-tokens", type=int, help="visual prompt tokens for dapt (default 16)")
    p.add_argument("--open-visual-prompts", action="store_true",
                   help="visual prompts without their gate, open from the start (the paper's VPT; "
                        "the first reading is then not zero-shot's)")
    p.add_argument("--ctx-init", metavar="WORDS",
                   help="shared context starting as these words (e.g. 'a photo of')")
    p.add_argument("--beta-v", type=float, help="weight of the visual intra-dispersion term (default 0.1)")
    p.add_argument("--beta-t", type=float, help="weight of the text inter-dispersion term (default 0.1)")
    p.add_argument("--rbf-t", type=float, help="t of the inter-dispersion kernel exp(-t d^2) (default 2.0)")
    p.add_argument("--train-batch", type=int, help="photos per SGD step (default 32)")
    p.add_argument("--no-flip", action="store_true",
                   help="do not mirror training photos (when left/right carries meaning)")
    p.add_argument("--no-crop", action="store_true",
                   help="no random resized crops (when the whole frame carries meaning)")
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
    p.add_argument("--budget-minutes", type=float,
                   help="time the search may take; visual prompts are left out past it (default 3)")
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
    p.add_argument("--compare", action="store_true",
                   help="zero-shot, linear probe, CoOp, DAPT without and with visual prompts, "
                        "in one table (each with the automatic settings)")
    p.add_argument("--shots", type=int, default=16, help="training photos per class (default 16)")
    p.add_argument("--seeds", default="1,2,3", help="comma-separated seeds (default 1,2,3)")
    p.add_argument("--adapter", metavar="FILE",
                   help="score this adapter on every photo of --data instead (no training)")
    _add_tuning_options(p)
    p.set_defaults(run=cmd_eval)
