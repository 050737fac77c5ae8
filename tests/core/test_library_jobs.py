"""First run and scans, as plain calls."""


def test_first_run_is_asked_once_and_scans_report_missing_folders(tmp_path, taxonomy, settings):
    from moodplayer.cli.selftest import make_library
    from moodplayer.core.library_jobs import LibraryJobs
    from moodplayer.engine.library import Library
    from moodplayer.engine.settings import Settings

    lib = Library(tmp_path / "lib.sqlite3", taxonomy)
    jobs = LibraryJobs(lib, settings)
    assert jobs.needs_first_run() and jobs.status() == "library is empty"
    make_library(tmp_path / "music")
    gone = str(tmp_path / "unplugged-drive")
    summary = jobs.scan([str(tmp_path / "music"), gone])
    assert summary.items == summary.added == 6
    assert summary.missing_folders == [gone] and gone in summary.message
    assert summary.waiting_for_model == 6  # no model given: covers and titles wait for it
    jobs.first_run_done([str(tmp_path / "music")])
    assert not jobs.needs_first_run()
    assert Settings.load().library_folders == [str(tmp_path / "music")]
    assert jobs.status() == "library: 6 items"
    lib.close()


def test_finish_profiles_reads_what_waits_for_the_model(tmp_path, taxonomy, settings, reader):
    from moodplayer.cli.selftest import make_library
    from moodplayer.core.library_jobs import LibraryJobs
    from moodplayer.engine.library import Library

    lib = Library(tmp_path / "lib.sqlite3", taxonomy)
    jobs = LibraryJobs(lib, settings)
    make_library(tmp_path / "music")
    jobs.scan([str(tmp_path / "music")])
    assert jobs.finish_profiles(reader) == 6
    assert lib.counts()["waiting_for_model"] == 0
    assert jobs.finish_profiles(reader) == 0 and jobs.finish_profiles(None) == 0
    lib.close()
