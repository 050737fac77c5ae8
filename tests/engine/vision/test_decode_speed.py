"""Decoding threads: the fewest that keep the encoder fed."""

from moodplayer.engine.vision import decode_speed, machine


def test_a_slow_encoder_needs_one_decoder():
    assert decode_speed.decode_workers_for(0.01, 224) == 1


def test_an_encoder_no_decoder_can_feed_gets_the_best_measured_count():
    workers = decode_speed.decode_workers_for(1e9, 224)
    assert workers in decode_speed.worker_choices()


def test_worker_choices_end_at_the_core_count(monkeypatch):
    monkeypatch.setattr(machine, "cores", lambda: 6)
    assert decode_speed.worker_choices() == [1, 2, 4, 6]
    monkeypatch.setattr(machine, "cores", lambda: 1)
    assert decode_speed.worker_choices() == [1]


def test_the_sample_photo_is_a_real_12_megapixel_jpeg():
    import io

    from PIL import Image

    img = Image.open(io.BytesIO(decode_speed._sample_jpeg()))
    assert img.format == "JPEG" and img.size == decode_speed.PHOTO_SIZE
