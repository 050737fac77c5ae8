import numpy as np
import pytest

from moodplayer.engine.emotions.result import EmotionResult
from moodplayer.engine.library.errors import EmptyLibrary
from moodplayer.engine.matching import MoodTarget, QueueOptions, build_queue, score
from moodplayer.engine.matching.order import path_length, smooth_order

from ..library.synthetic import synthetic_arrays


def target(taxonomy, name, emb=None):
    p = np.full(len(taxonomy), 0.02)
    p[taxonomy.index(name)] = 1.0
    return MoodTarget.from_result(EmotionResult.from_probs(p, taxonomy, emb))


@pytest.fixture(scope="module")
def arrays(taxonomy):
    return synthetic_arrays(taxonomy)


def test_length_kind_and_reasons(arrays, taxonomy):
    for kind, code in (("music", 0), ("video", 1)):
        q = build_queue(arrays, target(taxonomy, "awe"), QueueOptions(length=12, kind=kind))
        assert len(q) == 12 and {x.kind for x in q} == {kind}
        assert all(arrays.kind[x.item_id - 1] == code for x in q)
        assert all("feels like" in x.reason and "genre" in x.reason for x in q)
    mixed = build_queue(arrays, target(taxonomy, "awe"), QueueOptions(length=60, kind="mixed",
                                                                     diversity=0.9))
    assert {x.kind for x in mixed} == {"music", "video"}


def test_minutes(arrays, taxonomy):
    q = build_queue(arrays, target(taxonomy, "fear"), QueueOptions(length=None, minutes=30))
    total = sum(x.duration for x in q)
    assert total >= 30 * 60 and total - max(x.duration for x in q) < 30 * 60


def test_caps_per_artist_and_album(arrays, taxonomy):
    q = build_queue(arrays, target(taxonomy, "sadness"),
                    QueueOptions(length=20, max_per_artist=1, max_per_album=1, diversity=0.0))
    artists = [x.artist for x in q]
    assert len(set(artists)) == len(artists) == 20
    uncapped = build_queue(arrays, target(taxonomy, "sadness"),
                           QueueOptions(length=20, max_per_artist=99, max_per_album=99, diversity=0))
    assert len(set(x.artist for x in uncapped)) < 20  # the cap is what made them distinct


def test_genre_filters_and_recently_played(arrays, taxonomy):
    t = target(taxonomy, "excitement")
    inc = build_queue(arrays, t, QueueOptions(length=10, genres_include=("JAZZ",)))
    assert {arrays.genres[x.item_id - 1] for x in inc} == {"jazz"}
    exc = build_queue(arrays, t, QueueOptions(length=30, genres_exclude=("jazz", "rock")))
    assert not {arrays.genres[x.item_id - 1] for x in exc} & {"jazz", "rock"}
    first = build_queue(arrays, t, QueueOptions(length=10))
    played = frozenset(x.item_id for x in first)
    second = build_queue(arrays, t, QueueOptions(length=10, exclude_ids=played))
    assert not played & {x.item_id for x in second}


def test_different_moods_give_different_queues(arrays, taxonomy):
    sad = build_queue(arrays, target(taxonomy, "sadness"), QueueOptions(length=15))
    fun = build_queue(arrays, target(taxonomy, "amusement"), QueueOptions(length=15))
    assert not {x.item_id for x in sad} & {x.item_id for x in fun}
    assert np.mean([x.valence for x in sad]) < -0.2 < 0.2 < np.mean([x.valence for x in fun])
    for q, name in ((sad, "sadness"), (fun, "amusement")):
        top = [arrays.names[int(np.argmax(arrays.probs[x.item_id - 1]))] for x in q]
        assert top.count(name) >= 12


def test_diversity_trades_fit_for_variety(arrays, taxonomy):
    t = target(taxonomy, "contentment")
    opts = dict(length=15, max_per_artist=99, max_per_album=99)
    focused = build_queue(arrays, t, QueueOptions(diversity=0.0, **opts))
    varied = build_queue(arrays, t, QueueOptions(diversity=0.8, **opts))
    assert np.mean([x.score for x in focused]) >= np.mean([x.score for x in varied])
    assert len({x.artist for x in varied}) > len({x.artist for x in focused})


def test_smooth_order_shortens_the_walk(taxonomy):
    rng = np.random.default_rng(3)
    pts = rng.uniform(-1, 1, (25, 2))
    order = smooth_order(pts, (0.0, 0.0))
    assert sorted(order) == list(range(25))
    assert path_length(pts, order) < 0.6 * path_length(pts, list(range(25)))


def test_mood_path_moves_from_a_to_b(arrays, taxonomy):
    q = build_queue(arrays, target(taxonomy, "sadness"), QueueOptions(length=12),
                    to_target=target(taxonomy, "excitement"))
    assert len(q) == 12 and "mood path" in q[0].reason
    va = np.array([[x.valence, x.arousal] for x in q])
    assert va[:3, 0].mean() < -0.2 and va[-3:, 0].mean() > 0.2
    assert va[:3, 1].mean() < va[-3:, 1].mean()


def test_small_library_tops_up_by_relaxing_caps(taxonomy):
    small = synthetic_arrays(taxonomy, n=6, artists=1, video_share=0.0)
    q = build_queue(small, target(taxonomy, "awe"), QueueOptions(length=5, max_per_artist=1))
    assert len(q) == 5 and sum("cap relaxed" in x.reason for x in q) == 4


def test_image_similarity_uses_photo_embeddings(taxonomy):
    arr = synthetic_arrays(taxonomy, n=200, emb_dim=16)
    look = arr.embedding[17]
    with_photo = score(arr, target(taxonomy, "awe", emb=look))
    without = score(arr, target(taxonomy, "awe"))
    assert with_photo.image is not None and without.image is None
    assert int(np.argmax(with_photo.image[0])) == 17
    q = build_queue(arr, target(taxonomy, "awe", emb=look), QueueOptions(length=5, kind="mixed"))
    assert all("like your photos" in x.reason for x in q)


def test_empty_or_filtered_out(taxonomy):
    empty = synthetic_arrays(taxonomy, n=0)
    with pytest.raises(EmptyLibrary):
        build_queue(empty, target(taxonomy, "awe"))
    with pytest.raises(EmptyLibrary):
        build_queue(synthetic_arrays(taxonomy, n=10), target(taxonomy, "awe"),
                    QueueOptions(genres_include=("polka",)))
