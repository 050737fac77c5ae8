"""Write a random-weight CLAP model folder in the ``local-dir:`` layout.

For the tests and benchmarks (as vision/model.py's save_model_folder is
for CLIP): they load it through exactly the path a user's offline CLAP
folder takes. No vocabulary can be downloaded here, so the tokenizer is a
small byte-level BPE trained on the prompts themselves: it is a real
RoBERTa-style tokenizer, with the special tokens at RoBERTa's ids.
"""

from __future__ import annotations

from pathlib import Path

from .clap import TEMPLATES, _transformers

# A few narrow layers: builds in a second, embeds a 10 s clip in milliseconds.
TINY_CONFIG = {
    "text_config": {"hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 2,
                    "intermediate_size": 64, "max_position_embeddings": 130,
                    "projection_dim": 16},
    "audio_config": {"patch_embeds_hidden_size": 16, "depths": [1, 1],
                     "num_attention_heads": [2, 2], "hidden_size": 32, "projection_dim": 16},
    "projection_dim": 16,
}
# laion/larger_clap_music: ClapConfig's defaults with the HTSAT-base audio encoder.
LARGER_CLAP_MUSIC_CONFIG = {
    "audio_config": {"patch_embeds_hidden_size": 128, "hidden_size": 1024,
                     "depths": [2, 2, 12, 2]},
}
SPECIALS = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]  # RoBERTa's ids 0..4


def _tokenizer(texts: list, vocab_size: int):
    from tokenizers import ByteLevelBPETokenizer
    from tokenizers.processors import RobertaProcessing

    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(texts, vocab_size=vocab_size, min_frequency=1,
                            special_tokens=SPECIALS, show_progress=False)
    bpe.post_processor = RobertaProcessing(("</s>", 2), ("<s>", 0))
    return _transformers().PreTrainedTokenizerFast(
        tokenizer_object=bpe, bos_token="<s>", eos_token="</s>", pad_token="<pad>",
        unk_token="<unk>", mask_token="<mask>", model_max_length=128)


def build_clap(config: dict = None, taxonomy=None, seed: int = 0, vocab_size: int = 512):
    """(model, processor): a CLAP (``TINY_CONFIG`` unless given) with random weights."""
    import torch

    tf = _transformers()
    words = [w for e in (taxonomy.emotions if taxonomy else ()) for w in e.words]
    texts = [t.format(w) for w in words or ["music"] for t in TEMPLATES]
    tokenizer = _tokenizer(texts + ["the quick brown fox jumps over a lazy dog"], vocab_size)
    cfg = {**(TINY_CONFIG if config is None else config)}
    cfg["text_config"] = {**cfg.get("text_config", {}), "vocab_size": len(tokenizer),
                          "pad_token_id": 1, "bos_token_id": 0, "eos_token_id": 2}
    torch.manual_seed(seed)
    model = tf.ClapModel(tf.ClapConfig(**cfg)).eval()
    # Deterministic cropping: CLAP's default 'fusion' mode picks random windows of long clips.
    extractor = tf.ClapFeatureExtractor(truncation="rand_trunc", padding="repeatpad")
    return model, tf.ClapProcessor(feature_extractor=extractor, tokenizer=tokenizer)


def save_clap_folder(folder, config: dict = None, taxonomy=None, seed: int = 0) -> Path:
    """build_clap(), written with save_pretrained: a folder for ``local-dir:``."""
    model, processor = build_clap(config, taxonomy, seed)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(folder)
    processor.save_pretrained(folder)
    return folder
