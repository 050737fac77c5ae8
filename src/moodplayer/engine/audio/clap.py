"""An optional second opinion from CLAP, the audio twin of CLIP (transformers).

CLAP embeds sound and text in one space, so "which of these sentences fits
this music best" is answered zero-shot, as CLIP does for photos: each
emotion of the taxonomy is described by music prompts (``TEMPLATES`` x the
emotion's words), their text embeddings are averaged into one per emotion,
and a track's probabilities are the softmax of its audio embedding's
scaled cosine similarity to them. The default model is
``laion/larger_clap_music`` (HTSAT-base audio encoder, RoBERTa text
encoder, trained on music).

A model spec takes the forms of the CLIP loader (vision/model.py):
``hf-hub:ORG/REPO`` or ``local-dir:PATH`` (a folder written by
``save_pretrained``, also accepted as a bare existing path). Hub models are
looked for in our model cache and the user's Hugging Face cache first,
offline; only then is the hub asked, and ModelNotAvailable says what to do
when it cannot be. transformers is optional: without it CLAP is simply not
available, with a message saying how to add it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import numpy as np

from ..emotions.taxonomy import Taxonomy
from ..errors import ModelLoadError, ModelNotAvailable
from .decode import Audio, decode
from .mood import AudioMood

log = logging.getLogger(__name__)

DEFAULT_CLAP = "hf-hub:laion/larger_clap_music"
# The taxonomy's words are nouns ("fear", "playful joy"); these read as music with them.
TEMPLATES = (
    "{} music",
    "a song full of {}",
    "music that evokes {}",
    "a piece of music that expresses {}",
    "this song makes me feel {}",
)
CONFIDENCE_SCALE = 0.6  # zero-shot on low-level audio: trusted less than CLIP on photos
EXCERPT_S = 10.0  # CLAP's window: longer input would be cropped at random


def _transformers():
    try:
        import transformers
    except ImportError:
        raise ModelNotAvailable(
            "Listening with CLAP needs the optional Python package 'transformers', which is "
            "not installed. Install it with: pip install 'moodplayer[clap]' (or pip install "
            "transformers). Everything else about audio moods works without it.") from None
    return transformers


@dataclass(frozen=True)
class ClapSpec:
    raw: str
    kind: str  # "hub" | "local"
    name: str  # repo id or folder

    @classmethod
    def parse(cls, spec: Optional[str]) -> "ClapSpec":
        from ..vision.model import ModelSpec

        parsed = ModelSpec.parse(spec or DEFAULT_CLAP)
        if parsed.kind in ("hub", "local"):
            return cls(parsed.raw, parsed.kind, parsed.name)
        if "/" in parsed.name and not parsed.pretrained:  # plain ORG/REPO
            return cls(parsed.raw, "hub", parsed.name)
        raise ModelLoadError(f"'{spec}' is not a CLAP model: give hf-hub:ORG/REPO "
                             f"(e.g. {DEFAULT_CLAP}) or local-dir:/path/to/folder")


def _not_available(spec: ClapSpec, looked_in: list) -> ModelNotAvailable:
    from ..vision.model import HUB_HOST

    return ModelNotAvailable(
        f"The CLAP model {spec.name} is not downloaded yet, and it cannot be downloaded now "
        f"because {HUB_HOST} is not reachable. MoodPlayer looked for it in "
        f"{' and '.join(str(p) for p in looked_in)}. Moods from the sound itself (tempo, "
        f"loudness, key) work without it. To add CLAP's reading, run MoodPlayer once while "
        f"connected to the internet (about 600 MB for {DEFAULT_CLAP[7:]}; it is kept for "
        f"offline use), or copy a folder saved with transformers' save_pretrained "
        f"(config.json, model.safetensors, preprocessor and tokenizer files) to this machine "
        f"and point the CLAP model setting at 'local-dir:/path/to/that/folder'.")


def _from_pretrained(source: str, cache_dir: Optional[str], offline: bool):
    tf = _transformers()
    kwargs = {"cache_dir": cache_dir, "local_files_only": offline}
    model = tf.ClapModel.from_pretrained(source, **kwargs)
    processor = tf.ClapProcessor.from_pretrained(source, **kwargs)
    return model, processor


def _load(spec: ClapSpec):
    from .. import paths
    from ..vision.model import hub_reachable

    if spec.kind == "local":
        folder = Path(spec.name)
        if not (folder / "config.json").is_file():
            raise ModelLoadError(f"{folder} is not a CLAP model folder: it needs config.json "
                                 "and the weights saved by transformers' save_pretrained")
        try:
            return _from_pretrained(str(folder), None, offline=True)
        except Exception as exc:
            raise ModelLoadError(f"could not load the CLAP folder {folder}: {exc}") from None
    ours = str(paths.models_dir())
    for cache in (ours, None):  # ours first, then the user's own Hugging Face cache
        try:
            return _from_pretrained(spec.name, cache, offline=True)
        except Exception as exc:
            log.info("CLAP %s not in cache %s: %s", spec.name, cache or "hf default", exc)
    if not hub_reachable():
        raise _not_available(spec, [ours, "the Hugging Face cache"])
    try:
        return _from_pretrained(spec.name, ours, offline=False)
    except Exception as exc:
        raise ModelLoadError(f"could not download the CLAP model {spec.name}: {exc}") from None


class ClapReader:
    """Zero-shot emotion probabilities for a track's sound, over one taxonomy."""

    def __init__(self, model, processor, taxonomy: Taxonomy, spec: str = "",
                 templates: tuple = TEMPLATES, device: str = "cpu", excerpts: int = 3):
        import torch

        self.model = model.eval().requires_grad_(False).to(device)
        self.processor = processor
        self.taxonomy = taxonomy
        self.spec = spec
        self.templates = tuple(templates)
        self.excerpts = excerpts  # 10 s each; 1 (the middle) makes a full-size model 3x faster
        self.device = torch.device(device)
        self.sample_rate = int(processor.feature_extractor.sampling_rate)
        self.text_embeddings = self._emotion_embeddings()

    def prompts(self, emotion) -> list:
        return [t.format(w) for w in emotion.words for t in self.templates]

    def _emotion_embeddings(self):
        """One unit vector per emotion: the mean of its prompts' embeddings (an ensemble)."""
        import torch

        rows = []
        with torch.inference_mode():
            for emotion in self.taxonomy.emotions:
                tokens = self.processor.tokenizer(self.prompts(emotion), padding=True,
                                                  return_tensors="pt").to(self.device)
                feats = _pooled(self.model.get_text_features(
                    input_ids=tokens["input_ids"], attention_mask=tokens["attention_mask"]))
                mean = torch.nn.functional.normalize(feats, dim=-1).mean(0)
                rows.append(torch.nn.functional.normalize(mean, dim=-1))
        return torch.stack(rows)

    def chunks(self, audio: Audio) -> list:
        """Mono pieces of at most CLAP's window, one or more per excerpt."""
        if audio.sample_rate != self.sample_rate:
            raise ValueError(f"CLAP needs {self.sample_rate} Hz audio, got {audio.sample_rate}")
        mono, window = audio.mono, int(EXCERPT_S * self.sample_rate)
        bounds = audio.bounds() + [mono.size]
        out = []
        for start, stop in zip(bounds[:-1], bounds[1:]):
            out += [mono[s:min(s + window, stop)] for s in range(start, stop, window)
                    if min(s + window, stop) - s >= self.sample_rate]  # skip < 1 s tails
        return out or [mono[:window]]

    def embed(self, audio: Audio) -> np.ndarray:
        """The track's unit audio embedding: the mean over its chunks."""
        import torch

        inputs = self.processor.feature_extractor(self.chunks(audio), return_tensors="pt",
                                                  sampling_rate=self.sample_rate)
        features = inputs["input_features"]
        if features.shape[1] > 1 and not self.model.config.audio_config.enable_fusion:
            features = features[:, :1]  # a fusion-style extractor with a non-fusion model
        with torch.inference_mode():
            out = _pooled(self.model.get_audio_features(
                input_features=features.to(self.device), is_longer=inputs.get("is_longer")))
            mean = torch.nn.functional.normalize(out, dim=-1).mean(0)
            return torch.nn.functional.normalize(mean, dim=-1).cpu().numpy()

    def probs(self, embedding: np.ndarray) -> np.ndarray:
        import torch

        scale = self.model.logit_scale_a.exp().item()
        logits = torch.as_tensor(embedding, device=self.device) @ self.text_embeddings.T * scale
        return torch.softmax(logits.float(), dim=-1).cpu().numpy().astype(np.float32)

    def read(self, path) -> AudioMood:
        """Decode excerpts at CLAP's rate and read their mood. AudioError for bad files."""
        return self.read_audio(decode(path, sample_rate=self.sample_rate, excerpts=self.excerpts,
                                      excerpt_s=EXCERPT_S))

    def read_audio(self, audio: Audio) -> AudioMood:
        p = self.probs(self.embed(audio))
        va = np.array([[e.valence, e.arousal] for e in self.taxonomy.emotions], np.float32)
        valence, arousal = (p @ va).tolist()
        nz = p[p > 0]
        certainty = 1.0 - float(-(nz * np.log(nz)).sum()) / np.log(len(p))
        top = self.taxonomy.emotions[int(np.argmax(p))].name
        return AudioMood(p, float(valence), float(arousal),
                         max(0.0, certainty) * CONFIDENCE_SCALE,
                         f"CLAP hears {top} ({p.max():.0%})", signal="clap")


def _pooled(output):
    """transformers 5 returns a model output, 4.x a tensor: the projected features either way."""
    return getattr(output, "pooler_output", output)


def load_clap(spec: Optional[str], taxonomy: Taxonomy, device: str = "cpu",
              excerpts: int = 3) -> ClapReader:
    """A ClapReader for ``spec`` (default: laion/larger_clap_music). MoodPlayerError on failure."""
    _transformers()  # first: without it, nothing else can be said about the model
    parsed = ClapSpec.parse(spec)
    model, processor = _load(parsed)
    return ClapReader(model, processor, taxonomy, spec=parsed.raw, device=device,
                      excerpts=excerpts)
