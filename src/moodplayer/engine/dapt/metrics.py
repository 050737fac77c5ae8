"""Classification scores for evaluation: one seed, then mean and spread over seeds."""

from __future__ import annotations

from typing import Sequence

import numpy as np


def confusion_matrix(y_true: Sequence[int], y_pred: Sequence[int], n_classes: int) -> np.ndarray:
    """(C, C) counts; rows are the true class, columns the predicted one."""
    cm = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(cm, (np.asarray(y_true, dtype=int), np.asarray(y_pred, dtype=int)), 1)
    return cm


def scores(y_true: Sequence[int], y_pred: Sequence[int], class_names: Sequence[str]) -> dict:
    """Accuracy, macro-F1 and per-class recall of one run.

    Macro-F1 averages over the classes present in the test labels; a class
    never predicted and never present would otherwise add a meaningless 0.
    """
    n = len(class_names)
    cm = confusion_matrix(y_true, y_pred, n)
    support = cm.sum(axis=1)
    predicted = cm.sum(axis=0)
    tp = np.diag(cm).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        recall = np.where(support > 0, tp / np.maximum(support, 1), np.nan)
        precision = np.where(predicted > 0, tp / np.maximum(predicted, 1), 0.0)
        f1 = np.where(precision + np.nan_to_num(recall) > 0,
                      2 * precision * np.nan_to_num(recall) / (precision + np.nan_to_num(recall)),
                      0.0)
    present = support > 0
    total = int(cm.sum())
    return {
        "accuracy": float(tp.sum() / total) if total else 0.0,
        "macro_f1": float(f1[present].mean()) if present.any() else 0.0,
        "per_class": {name: (None if np.isnan(r) else float(r)) for name, r in zip(class_names, recall)},
        "confusion": cm.tolist(),
        "n": total,
    }


def aggregate(runs: Sequence[dict], class_names: Sequence[str]) -> dict:
    """Mean and standard deviation (population) over seeds; confusion summed."""
    def stat(values):
        values = [v for v in values if v is not None]
        if not values:
            return None, None
        return float(np.mean(values)), float(np.std(values))

    acc, acc_sd = stat([r["accuracy"] for r in runs])
    f1, f1_sd = stat([r["macro_f1"] for r in runs])
    per_class, per_class_sd = {}, {}
    for name in class_names:
        per_class[name], per_class_sd[name] = stat([r["per_class"][name] for r in runs])
    confusion = np.sum([np.asarray(r["confusion"]) for r in runs], axis=0).tolist()
    return {"accuracy": acc, "accuracy_std": acc_sd, "macro_f1": f1, "macro_f1_std": f1_sd,
            "per_class": per_class, "per_class_std": per_class_sd, "confusion": confusion}
