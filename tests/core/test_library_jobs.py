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


def test_a_rebuilt_library_is_noticed_and_its_folders_rescanned(tmp_path, taxonomy, settings):
    from moodplayer.cli.selftest import make_library
    from moodplayer.core.library_jobs import LibraryJobs
    from moodplayer.engine.library import Library

    make_library(tmp_path / "music")
    lib = Library(tmp_path / "lib.sqlite3", taxonomy)
    LibraryJobs(lib, settings).scan([str(tmp_path / "music")])
    lib.close()
    (tmp_path / "lib.sqlite3").write_bytes(b"\x00" * 4096)  # damaged while closed
    for side in ("-wal", "-shm"):
        (tmp_path / f"lib.sqlite3{side}").unlink(missing_ok=True)
    lib = Library(tmp_path / "lib.sqlite3", taxonomy)
    jobs = LibraryJobs(lib, settings)
    assert jobs.needs_recovery_scan() and "was damaged" in jobs.notice()
    assert "found 6 songs and videos again" in jobs.finish_recovery()
    assert not jobs.needs_recovery_scan() and jobs.status() == "library: 6 items"
    lib.close()


def test_unreadable_folders_are_said_with_their_reasons():
    from moodplayer.core.library_jobs import ScanSummary

    summary = ScanSummary(items=3, added=3, failed=2, missing_folders=["/a", "/b"],
                          folder_reasons={"/a": "permission denied", "/b": "folder not found"})
    assert summary.message == ("Found 3 songs and videos. Could not read: /a (permission "
                               "denied), /b (folder not found).")
