import torch

from moodplayer.engine.dapt.augment import frozen_views, random_resized_crop, view_count


def _pixels():
    return torch.randn(5, 3, 32, 32, generator=torch.Generator().manual_seed(0))


def test_crops_keep_the_size_differ_from_the_photo_and_repeat_with_the_seed():
    pixels = _pixels()
    a = random_resized_crop(pixels, torch.Generator().manual_seed(3))
    b = random_resized_crop(pixels, torch.Generator().manual_seed(3))
    assert a.shape == pixels.shape and torch.equal(a, b)
    assert not torch.allclose(a, pixels)


def test_views_without_augmentation_are_the_photos_themselves():
    pixels = _pixels()
    mean = (lambda px: px.mean(dim=(2, 3)))  # a stand-in encoder: one number per channel
    views = frozen_views(mean, pixels, torch.Generator(), flip=False, crop=False, views=4)
    assert views.shape == (1, 5, 3) and torch.equal(views[0], mean(pixels))
    views = frozen_views(mean, pixels, torch.Generator(), flip=True, crop=True, views=4)
    assert views.shape == (4, 5, 3) and torch.equal(views[0], mean(pixels))
    assert (view_count(True, False, 4), view_count(False, True, 3)) == (2, 3)
