"""``moodplayer models speed``: how this computer runs the model on its CPU, and why.

    moodplayer models speed [--remeasure] [--json]

Shows the measured plan ``--precision auto`` follows on the CPU (fp32, bf16
or int8; threads; photo decoders) with the numbers behind it, measuring it
first when there is none yet. ``--remeasure`` forgets every kept plan and
measures again (after a hardware or PyTorch change is detected anyway; this
is for a machine that was busy the first time).
"""

from __future__ import annotations

from dataclasses import asdict

from .common import (EXIT_CODES_HELP, EXIT_OK, add_json, add_model_options,
                     note, print_json, settings_from)


def _table(plan) -> list:
    lines = [f"{'path':<12} {'photos/s (batch)':>17} {'one photo':>10} {'min cosine':>11}"]
    for label, r in plan.measured.items():
        if "error" in r:
            lines.append(f"{label:<12} failed: {r['error']}")
            continue
        lines.append(f"{label:<12} {r['batch_img_s']:>17.1f} {r['single_ms']:>8.1f} ms "
                     f"{r['min_cosine']:>11.5f}")
    return lines


def cmd_speed(args) -> int:
    from ..engine.vision.cpu_plan import forget_plans
    from ..engine.vision.model import load_model

    settings = settings_from(args)
    if args.remeasure:
        forget_plans()
    # a model that cannot load is said by cli.main, with the "no model" exit code
    model = load_model(settings.model, "cpu", "auto", note=lambda t: note(t, args.quiet))
    plan = model.plan
    if args.json:
        print_json({"model": model.spec.describe(), **asdict(plan)})
        return EXIT_OK
    print(f"Model: {model.spec.describe()}")
    print(f"Machine: {plan.machine}")
    print(f"On the CPU MoodPlayer uses {plan.precision}"
          f"{f' ({plan.engine} engine)' if plan.engine else ''}. Why: {plan.reason}.")
    print(f"Threads: {plan.threads_batch or 'default'} for a batch, "
          f"{plan.threads_single or 'default'} for one photo; "
          f"{plan.decode_workers or 'default'} photo decoders.")
    print()
    print("\n".join(_table(plan)))
    return EXIT_OK


def register(actions) -> None:
    a = actions.add_parser("speed", help="how this computer runs the model on its CPU (measured)",
                           epilog=EXIT_CODES_HELP,
                           description="The precision (fp32, bf16 or int8), thread counts and "
                                       "photo decoders --precision auto uses on the CPU, with "
                                       "the measurements behind them.")
    a.add_argument("--remeasure", action="store_true",
                   help="forget the kept measurement and measure again")
    add_model_options(a)
    add_json(a, "print the plan as one JSON object")
    a.set_defaults(run=cmd_speed)
