"""DAPT: tune CLIP's emotion reading from labelled photos (prompts only, CLIP frozen)."""
