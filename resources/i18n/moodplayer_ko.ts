<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko">
<context>
    <name>Banner</name>
    <message>
        <source>Dismiss the message</source>
        <translation>메시지 닫기</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>오류</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>경고</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>알림</translation>
    </message>
</context>
<context>
    <name>Circumplex</name>
    <message>
        <source>Mood map</source>
        <translation>분위기 지도</translation>
    </message>
    <message>
        <source>No mood shown yet. Pleasant moods are to the right, intense ones at the top.</source>
        <translation>아직 표시된 분위기가 없습니다. 오른쪽일수록 즐겁고, 위쪽일수록 강렬한 분위기입니다.</translation>
    </message>
    <message>
        <source>{feeling}: {valence}, {arousal}.</source>
        <translation>{feeling}: {valence}, {arousal}.</translation>
    </message>
    <message>
        <source>pleasant</source>
        <translation>유쾌함</translation>
    </message>
    <message>
        <source>unpleasant</source>
        <translation>불쾌함</translation>
    </message>
    <message>
        <source>intense</source>
        <translation>강렬함</translation>
    </message>
    <message>
        <source>calm</source>
        <translation>차분함</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <source>MoodPlayer hit an unexpected problem ({kind}: {problem}). Your photos, library and playlists are safe. The details were written to {path}; please include that file if you report this.</source>
        <translation>MoodPlayer에 예상하지 못한 문제가 생겼습니다 ({kind}: {problem}). 사진, 라이브러리, 재생목록은 안전합니다. 자세한 내용은 {path}에 기록했으니, 문제를 알릴 때 이 파일을 함께 보내 주세요.</translation>
    </message>
    <message>
        <source>MoodPlayer: unexpected problem</source>
        <translation>MoodPlayer: 예상하지 못한 문제</translation>
    </message>
</context>
<context>
    <name>Describe</name>
    <message>
        <source>very unpleasant</source>
        <translation>매우 불쾌한</translation>
    </message>
    <message>
        <source>unpleasant</source>
        <translation>불쾌한</translation>
    </message>
    <message>
        <source>neither pleasant nor unpleasant</source>
        <translation>즐겁지도 불쾌하지도 않은</translation>
    </message>
    <message>
        <source>pleasant</source>
        <translation>즐거운</translation>
    </message>
    <message>
        <source>very pleasant</source>
        <translation>매우 즐거운</translation>
    </message>
    <message>
        <source>very calm</source>
        <translation>매우 차분한</translation>
    </message>
    <message>
        <source>calm</source>
        <translation>차분한</translation>
    </message>
    <message>
        <source>moderately energetic</source>
        <translation>적당히 활기찬</translation>
    </message>
    <message>
        <source>energetic</source>
        <translation>활기찬</translation>
    </message>
    <message>
        <source>very intense</source>
        <translation>매우 강렬한</translation>
    </message>
    <message>
        <source>calm and content</source>
        <translation>차분하고 만족스러운</translation>
    </message>
    <message>
        <source>warm and pleasant</source>
        <translation>따뜻하고 기분 좋은</translation>
    </message>
    <message>
        <source>bright and exciting</source>
        <translation>밝고 신나는</translation>
    </message>
    <message>
        <source>quiet and still</source>
        <translation>조용하고 고요한</translation>
    </message>
    <message>
        <source>balanced, neither up nor down</source>
        <translation>들뜨지도 가라앉지도 않은</translation>
    </message>
    <message>
        <source>restless and alert</source>
        <translation>들뜨고 긴장된</translation>
    </message>
    <message>
        <source>sad and low</source>
        <translation>슬프고 가라앉은</translation>
    </message>
    <message>
        <source>gloomy and uneasy</source>
        <translation>우울하고 불안한</translation>
    </message>
    <message>
        <source>tense and dark</source>
        <translation>긴장되고 어두운</translation>
    </message>
    <message>
        <source>sure</source>
        <translation>확실함</translation>
    </message>
    <message>
        <source>fairly sure</source>
        <translation>꽤 확실함</translation>
    </message>
    <message>
        <source>unsure</source>
        <translation>불확실함</translation>
    </message>
    <message>
        <source>amusement</source>
        <translation>재미</translation>
    </message>
    <message>
        <source>awe</source>
        <translation>경외감</translation>
    </message>
    <message>
        <source>contentment</source>
        <translation>만족감</translation>
    </message>
    <message>
        <source>excitement</source>
        <translation>신남</translation>
    </message>
    <message>
        <source>anger</source>
        <translation>분노</translation>
    </message>
    <message>
        <source>disgust</source>
        <translation>혐오</translation>
    </message>
    <message>
        <source>fear</source>
        <translation>두려움</translation>
    </message>
    <message>
        <source>sadness</source>
        <translation>슬픔</translation>
    </message>
    <message>
        <source>mostly {first}</source>
        <translation>주로 {first}</translation>
    </message>
    <message>
        <source>{first} and {second} about equally</source>
        <translation>{first}·{second} 비슷한 비율</translation>
    </message>
    <message>
        <source>mostly {first}, with some {second}</source>
        <translation>주로 {first}, {second}도 조금</translation>
    </message>
    <message>
        <source>valence {valence:+.2f}, arousal {arousal:+.2f}, confidence {confidence:.0%}</source>
        <translation>정서가 {valence:+.2f}, 각성도 {arousal:+.2f}, 확신도 {confidence:.0%}</translation>
    </message>
    <message>
        <source>feels like {first} and {second}</source>
        <translation>{first}·{second}의 느낌</translation>
    </message>
    <message>
        <source>Tuned on {date}, {photos} photos</source>
        <translation>{date} 조정, 사진 {photos}장</translation>
    </message>
    <message>
        <source>Tuned on {date}</source>
        <translation>{date} 조정</translation>
    </message>
    <message>
        <source>Tuned on {photos} photos</source>
        <translation>사진 {photos}장으로 조정</translation>
    </message>
    <message>
        <source>Tuned adapter</source>
        <translation>조정된 어댑터</translation>
    </message>
    <message>
        <source>After tuning, {after} of the held-out photos are read as you labelled them.</source>
        <translation>조정 후에는 따로 남겨 둔 사진의 {after}를 사용자가 붙인 라벨대로 읽습니다.</translation>
    </message>
    <message>
        <source>Before tuning, {before} of the held-out photos were read as you labelled them; after tuning, {after}.</source>
        <translation>조정 전에는 따로 남겨 둔 사진의 {before}를 사용자가 붙인 라벨대로 읽었고, 조정 후에는 {after}입니다.</translation>
    </message>
</context>
<context>
    <name>Desktop</name>
    <message>
        <source>MoodPlayer</source>
        <translation>MoodPlayer</translation>
    </message>
    <message>
        <source>The new ReplayGain setting applies from the next track.</source>
        <translation>새 ReplayGain 설정은 다음 곡부터 적용됩니다.</translation>
    </message>
    <message>
        <source>MoodPlayer is still playing</source>
        <translation>MoodPlayer가 계속 재생 중입니다</translation>
    </message>
    <message>
        <source>It keeps playing in the tray. Quit it from the tray menu.</source>
        <translation>트레이에서 계속 재생합니다. 끝내려면 트레이 메뉴에서 끝내기를 고르세요.</translation>
    </message>
</context>
<context>
    <name>DesktopSettingsBox</name>
    <message>
        <source>Per track (even loudness across a mix)</source>
        <translation>곡별 (여러 곡을 섞어 들어도 음량을 고르게)</translation>
    </message>
    <message>
        <source>Per album (keeps an album&apos;s own dynamics)</source>
        <translation>앨범별 (앨범 고유의 강약을 살림)</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>끄기</translation>
    </message>
    <message>
        <source>Playback and desktop</source>
        <translation>재생과 데스크톱</translation>
    </message>
    <message>
        <source>Uses the ReplayGain tags of your files; applies from the next track</source>
        <translation>파일의 ReplayGain 태그를 씁니다. 다음 곡부터 적용됩니다</translation>
    </message>
    <message>
        <source>Keep playing in the tray when the window is closed</source>
        <translation>창을 닫아도 트레이에서 계속 재생</translation>
    </message>
    <message>
        <source>Show a notification when the track changes</source>
        <translation>곡이 바뀌면 알림 표시</translation>
    </message>
    <message>
        <source>ReplayGain</source>
        <translation>ReplayGain</translation>
    </message>
    <message>
        <source>This desktop shows no tray icons, so closing the window quits.</source>
        <translation>이 데스크톱은 트레이 아이콘을 표시하지 않으므로 창을 닫으면 MoodPlayer가 끝납니다.</translation>
    </message>
</context>
<context>
    <name>DropZone</name>
    <message>
        <source>Drop photos here</source>
        <translation>여기에 사진을 놓으세요</translation>
    </message>
    <message>
        <source>Press Enter to choose photos</source>
        <translation>Enter 키를 눌러 사진을 고르세요</translation>
    </message>
    <message>
        <source>Drop photos or a folder here</source>
        <translation>사진이나 폴더를 여기에 놓으세요</translation>
    </message>
    <message>
        <source>or click to choose · Ctrl+O · paste with Ctrl+V</source>
        <translation>또는 클릭해서 고르기 · Ctrl+O · Ctrl+V로 붙여넣기</translation>
    </message>
    <message>
        <source>Choose photos</source>
        <translation>사진 고르기</translation>
    </message>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.webp *.heic *.gif *.bmp *.tif *.tiff);;All files (*)</source>
        <translation>이미지 (*.jpg *.jpeg *.png *.webp *.heic *.gif *.bmp *.tif *.tiff);;모든 파일 (*)</translation>
    </message>
</context>
<context>
    <name>EmotionBars</name>
    <message>
        <source>Emotions</source>
        <translation>감정</translation>
    </message>
    <message>
        <source>No emotions shown yet.</source>
        <translation>아직 표시된 감정이 없습니다.</translation>
    </message>
    <message>
        <source>{name} {percent}</source>
        <translation>{name} {percent}</translation>
    </message>
</context>
<context>
    <name>EmotionView</name>
    <message>
        <source>No photo yet</source>
        <translation>아직 사진이 없습니다</translation>
    </message>
    <message>
        <source>Drop photos to see the emotions they evoke.</source>
        <translation>사진을 놓으면 사진이 불러일으키는 감정을 보여 줍니다.</translation>
    </message>
    <message>
        <source>{emotions} · {sureness}</source>
        <translation>{emotions} · {sureness}</translation>
    </message>
    <message>
        <source>Feels {valence} and {arousal} ({numbers})</source>
        <translation>{valence}, {arousal} 느낌 ({numbers})</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to MoodPlayer</source>
        <translation>MoodPlayer에 오신 것을 환영합니다</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Welcome to MoodPlayer&lt;/h2&gt;&lt;p&gt;Choose the folders that hold your music and videos. MoodPlayer reads their tags and cover art once, on this computer, so it can match them to the mood of your photos. Nothing leaves your machine.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;MoodPlayer에 오신 것을 환영합니다&lt;/h2&gt;&lt;p&gt;음악과 동영상이 들어 있는 폴더를 고르세요. MoodPlayer는 이 컴퓨터에서 태그와 앨범 표지를 한 번 읽어 사진의 분위기와 맞춥니다. 어떤 것도 이 컴퓨터 밖으로 나가지 않습니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Add a music or video folder</source>
        <translation>음악 또는 동영상 폴더 추가</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>나중에</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>검색 시작</translation>
    </message>
    <message>
        <source>Add at least one folder, or choose Later.</source>
        <translation>폴더를 하나 이상 추가하거나 ‘나중에’를 고르세요.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Looking for music and videos…</source>
        <translation>음악과 동영상을 찾는 중…</translation>
    </message>
    <message>
        <source>{done} of {total}: {file}</source>
        <translation>{total}개 중 {done}개: {file}</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Rescan</source>
        <translation>다시 검색</translation>
    </message>
</context>
<context>
    <name>FolderList</name>
    <message>
        <source>Choose a folder</source>
        <translation>폴더 고르기</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>추가…</translation>
    </message>
    <message>
        <source>Add a folder</source>
        <translation>폴더 추가</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>Remove the selected folder</source>
        <translation>선택한 폴더 제거</translation>
    </message>
    <message>
        <source>This folder does not exist now</source>
        <translation>이 폴더는 지금 없습니다</translation>
    </message>
</context>
<context>
    <name>FolderWatcher</name>
    <message>
        <source>this watched folder does not exist (yet)</source>
        <translation>지켜보는 이 폴더가 (아직) 없습니다</translation>
    </message>
    <message>
        <source>this watched folder has disappeared</source>
        <translation>지켜보던 이 폴더가 사라졌습니다</translation>
    </message>
</context>
<context>
    <name>LibraryFlow</name>
    <message>
        <source>Scan cancelled.</source>
        <translation>검색을 취소했습니다.</translation>
    </message>
    <message>
        <source>Scanning the library…</source>
        <translation>라이브러리를 검색하는 중…</translation>
    </message>
    <message>
        <source>Library: {n} items.</source>
        <translation>라이브러리: {n}개 항목.</translation>
    </message>
    <message>
        <source>Library profiles: {problem}</source>
        <translation>라이브러리 분위기 분석: {problem}</translation>
    </message>
    <message>
        <source>Settings could not be saved: {problem}</source>
        <translation>설정을 저장하지 못했습니다: {problem}</translation>
    </message>
    <message>
        <source>{n} will play next.</source>
        <translation>{n} 다음에 재생합니다.</translation>
    </message>
    <message>
        <source>Added {n} to the end of the queue.</source>
        <translation>{n} 재생 대기열 끝에 추가했습니다.</translation>
    </message>
    <message>
        <source>“{title}”</source>
        <translation>“{title}”</translation>
    </message>
    <message>
        <source>{n} items</source>
        <translation>{n}개 항목</translation>
    </message>
    <message>
        <source>Nothing else in the library feels like “{title}”.</source>
        <translation>라이브러리에 “{title}”과(와) 비슷한 느낌의 항목이 더 없습니다.</translation>
    </message>
    <message>
        <source>{n} like “{title}” will play next.</source>
        <translation>“{title}”과(와) 비슷한 {n}개를 다음에 재생합니다.</translation>
    </message>
    <message>
        <source>The folder {folder} is not there any more.</source>
        <translation>{folder} 폴더가 더 이상 없습니다.</translation>
    </message>
    <message>
        <source>No file manager could open {folder}.</source>
        <translation>{folder} 폴더를 열 수 있는 파일 관리자가 없습니다.</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <source>Artist</source>
        <translation>아티스트</translation>
    </message>
    <message>
        <source>Album</source>
        <translation>앨범</translation>
    </message>
    <message>
        <source>Genre</source>
        <translation>장르</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>길이</translation>
    </message>
    <message>
        <source>Mood</source>
        <translation>분위기</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>근거</translation>
    </message>
    <message>
        <source>The library could not be read: {problem}</source>
        <translation>라이브러리를 읽지 못했습니다: {problem}</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>동영상</translation>
    </message>
    <message>
        <source>Music</source>
        <translation>음악</translation>
    </message>
    <message>
        <source>This file is missing: {path}</source>
        <translation>이 파일이 없습니다: {path}</translation>
    </message>
    <message>
        <source>{feeling} · {sureness} ({numbers})</source>
        <translation>{feeling} · {sureness} ({numbers})</translation>
    </message>
    <message>
        <source>valence {valence:+.2f}, arousal {arousal:+.2f}</source>
        <translation>정서가 {valence:+.2f}, 각성도 {arousal:+.2f}</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <source>Search titles, artists, albums, genres…</source>
        <translation>제목, 아티스트, 앨범, 장르 검색…</translation>
    </message>
    <message>
        <source>Search the library</source>
        <translation>라이브러리 검색</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>검색어 지우기</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Music and videos</source>
        <translation>음악과 동영상</translation>
    </message>
    <message>
        <source>Music</source>
        <translation>음악</translation>
    </message>
    <message>
        <source>Videos</source>
        <translation>동영상</translation>
    </message>
    <message>
        <source>Genre</source>
        <translation>장르</translation>
    </message>
    <message>
        <source>All genres</source>
        <translation>모든 장르</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>표시</translation>
    </message>
    <message>
        <source>Playable files</source>
        <translation>재생할 수 있는 파일</translation>
    </message>
    <message>
        <source>Missing files</source>
        <translation>없어진 파일</translation>
    </message>
    <message>
        <source>All files</source>
        <translation>모든 파일</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>라이브러리</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <source>Play next</source>
        <translation>다음에 재생</translation>
    </message>
    <message>
        <source>Add to queue</source>
        <translation>대기열에 추가</translation>
    </message>
    <message>
        <source>More like this</source>
        <translation>비슷한 곡 더 찾기</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>폴더에서 보기</translation>
    </message>
    <message>
        <source>(no genre)</source>
        <translation>(장르 없음)</translation>
    </message>
    <message>
        <source>{genre} ({count})</source>
        <translation>{genre} ({count})</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>1개 항목</translation>
    </message>
    <message>
        <source>{n} items</source>
        <translation>{n}개 항목</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>찾는 중…</translation>
    </message>
    <message>
        <source>Could not search</source>
        <translation>찾지 못함</translation>
    </message>
</context>
<context>
    <name>ListeningFlow</name>
    <message>
        <source>Listening paused; it goes on next time.</source>
        <translation>소리 분석을 멈췄습니다. 다음 실행 때 이어서 합니다.</translation>
    </message>
    <message>
        <source>Listening to the library failed: {problem}</source>
        <translation>라이브러리의 소리를 분석하지 못했습니다: {problem}</translation>
    </message>
    <message>
        <source>Listened to {n} items.</source>
        <translation>항목 {n}개의 소리를 분석했습니다.</translation>
    </message>
    <message>
        <source>{n} could not be analysed.</source>
        <translation>{n}개는 분석하지 못했습니다.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>MoodPlayer</source>
        <translation>MoodPlayer</translation>
    </message>
    <message>
        <source>Saved playlists</source>
        <translation>저장한 재생목록</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>테마</translation>
    </message>
    <message>
        <source>System</source>
        <translation>시스템 설정</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>밝게</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>어둡게</translation>
    </message>
    <message>
        <source>Mood</source>
        <translation>분위기</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>라이브러리</translation>
    </message>
    <message>
        <source>Tune</source>
        <translation>조정</translation>
    </message>
    <message>
        <source>Skipped “{title}”: {reason}.</source>
        <translation>“{title}”을(를) 건너뛰었습니다: {reason}.</translation>
    </message>
    <message>
        <source>End of the queue.</source>
        <translation>대기열이 끝났습니다.</translation>
    </message>
    <message>
        <source>{folder}: {problem}</source>
        <translation>{folder}: {problem}</translation>
    </message>
    <message>
        <source>The tuned adapter is not used ({problem}); photos are read without tuning.</source>
        <translation>조정된 어댑터를 쓰지 않습니다 ({problem}). 사진은 조정 없이 읽습니다.</translation>
    </message>
    <message>
        <source>The emotion model could not be loaded</source>
        <translation>감정 모델을 불러오지 못했습니다</translation>
    </message>
    <message>
        <source>{track} — MoodPlayer</source>
        <translation>{track} — MoodPlayer</translation>
    </message>
    <message>
        <source>The new language is used from the next start.</source>
        <translation>새 언어는 다음에 시작할 때부터 쓰입니다.</translation>
    </message>
    <message>
        <source>Settings could not be saved: {problem}</source>
        <translation>설정을 저장하지 못했습니다: {problem}</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>로그 폴더</translation>
    </message>
    <message>
        <source>Logs are in {folder}</source>
        <translation>로그는 {folder}에 있습니다</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Library</source>
        <translation>라이브러리(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>재생(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>설정(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>Open photos…</source>
        <translation>사진 열기…</translation>
    </message>
    <message>
        <source>Open a photo folder…</source>
        <translation>사진 폴더 열기…</translation>
    </message>
    <message>
        <source>Paste photos</source>
        <translation>사진 붙여넣기</translation>
    </message>
    <message>
        <source>Save queue as playlist…</source>
        <translation>대기열을 재생목록으로 저장…</translation>
    </message>
    <message>
        <source>Export queue (M3U8 / XSPF)…</source>
        <translation>대기열 내보내기 (M3U8 / XSPF)…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>끝내기</translation>
    </message>
    <message>
        <source>Browse the library</source>
        <translation>라이브러리 둘러보기</translation>
    </message>
    <message>
        <source>Playlists…</source>
        <translation>재생목록…</translation>
    </message>
    <message>
        <source>Choose library folders and scan…</source>
        <translation>라이브러리 폴더 고르고 검색…</translation>
    </message>
    <message>
        <source>Rescan library</source>
        <translation>라이브러리 다시 검색</translation>
    </message>
    <message>
        <source>Analyse the sound of new music</source>
        <translation>새 음악의 소리 분석</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>재생 / 일시정지</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>다음</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>이전</translation>
    </message>
    <message>
        <source>Volume up</source>
        <translation>소리 크게</translation>
    </message>
    <message>
        <source>Volume down</source>
        <translation>소리 작게</translation>
    </message>
    <message>
        <source>Mute / unmute</source>
        <translation>음소거 / 음소거 해제</translation>
    </message>
    <message>
        <source>Forward 5 s</source>
        <translation>5초 앞으로</translation>
    </message>
    <message>
        <source>Back 5 s</source>
        <translation>5초 뒤로</translation>
    </message>
    <message>
        <source>Forward 30 s</source>
        <translation>30초 앞으로</translation>
    </message>
    <message>
        <source>Back 30 s</source>
        <translation>30초 뒤로</translation>
    </message>
    <message>
        <source>Shuffle on / off</source>
        <translation>무작위 재생 켜기 / 끄기</translation>
    </message>
    <message>
        <source>Repeat: off, queue, one track</source>
        <translation>반복: 끄기, 대기열, 한 곡</translation>
    </message>
    <message>
        <source>Fullscreen video</source>
        <translation>동영상 전체 화면</translation>
    </message>
    <message>
        <source>Leave fullscreen / keys back to the player</source>
        <translation>전체 화면 나가기 / 키를 플레이어로 돌려주기</translation>
    </message>
    <message>
        <source>Regenerate queue</source>
        <translation>대기열 새로 만들기</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>설정…</translation>
    </message>
    <message>
        <source>Tune…</source>
        <translation>조정…</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>Open the log folder</source>
        <translation>로그 폴더 열기</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Remove the selected queue item</source>
        <translation>선택한 대기열 항목 제거</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Play the selected library item or playlist</source>
        <translation>선택한 라이브러리 항목이나 재생목록 재생</translation>
    </message>
    <message>
        <source>Double-click on a video</source>
        <translation>동영상 두 번 클릭</translation>
    </message>
    <message>
        <source>Fullscreen in and out</source>
        <translation>전체 화면 들어가기 / 나가기</translation>
    </message>
    <message>
        <source>Media keys</source>
        <translation>미디어 키</translation>
    </message>
    <message>
        <source>Play/pause, next, previous, stop, mute</source>
        <translation>재생/일시정지, 다음, 이전, 정지, 음소거</translation>
    </message>
</context>
<context>
    <name>ModelDownloadFlow</name>
    <message>
        <source>Downloading the emotion model…</source>
        <translation>감정 모델을 내려받는 중…</translation>
    </message>
    <message>
        <source>Downloading the emotion model: {percent}%</source>
        <translation>감정 모델을 내려받는 중: {percent}%</translation>
    </message>
    <message>
        <source>No emotion model (download paused)</source>
        <translation>감정 모델 없음 (내려받기 일시정지됨)</translation>
    </message>
    <message>
        <source>No emotion model</source>
        <translation>감정 모델 없음</translation>
    </message>
</context>
<context>
    <name>ModelMissingPage</name>
    <message>
        <source>The emotion model is not available yet</source>
        <translation>감정 모델을 아직 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>Download the model</source>
        <translation>모델 내려받기</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Use a model folder…</source>
        <translation>모델 폴더 사용…</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>다시 확인</translation>
    </message>
    <message>
        <source>Look for the model on this computer again, e.g. after copying it here</source>
        <translation>이 컴퓨터에서 모델을 다시 찾습니다 (예: 모델을 이곳에 복사한 뒤)</translation>
    </message>
    <message>
        <source>about {size}</source>
        <translation>약 {size}</translation>
    </message>
    <message>
        <source>size unknown until it starts</source>
        <translation>시작하기 전에는 크기를 알 수 없음</translation>
    </message>
    <message>
        <source>{size} ({kept} of it already here)</source>
        <translation>{size} (그중 {kept}은(는) 이미 받음)</translation>
    </message>
    <message>
        <source>{model} · {size} · kept on this computer, so this happens once</source>
        <translation>{model} · {size} · 이 컴퓨터에 보관하므로 한 번만 내려받습니다</translation>
    </message>
    <message>
        <source>Downloading the emotion model</source>
        <translation>감정 모델을 내려받는 중</translation>
    </message>
    <message>
        <source>Photos can be read as soon as it is here. Cancel keeps what has arrived: the download can be resumed later.</source>
        <translation>내려받기가 끝나는 대로 사진을 읽을 수 있습니다. 취소해도 받은 부분은 남아 있어 나중에 이어서 내려받을 수 있습니다.</translation>
    </message>
    <message>
        <source>Asking the server for the files…</source>
        <translation>서버에 파일을 요청하는 중…</translation>
    </message>
    <message>
        <source>Download paused</source>
        <translation>내려받기 일시정지됨</translation>
    </message>
    <message>
        <source>Paused at {done} of {total}.</source>
        <translation>{total} 중 {done}에서 멈췄습니다.</translation>
    </message>
    <message>
        <source>Paused.</source>
        <translation>멈췄습니다.</translation>
    </message>
    <message>
        <source>What arrived is kept on disk: Resume continues where it stopped, even after a restart.</source>
        <translation>받은 부분은 디스크에 남아 있습니다. 다시 시작한 뒤에도 이어서 내려받기를 누르면 멈춘 곳부터 계속합니다.</translation>
    </message>
    <message>
        <source>{done} of {total} kept</source>
        <translation>{total} 중 {done} 보관됨</translation>
    </message>
    <message>
        <source>The download did not finish</source>
        <translation>내려받기를 마치지 못했습니다</translation>
    </message>
    <message>
        <source>{kept} are kept for the next try.</source>
        <translation>다음 시도를 위해 {kept}을(를) 보관해 둡니다.</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>내려받기 완료</translation>
    </message>
    <message>
        <source>{size} on this computer. Loading the model…</source>
        <translation>이 컴퓨터에 {size}을(를) 받았습니다. 모델을 불러오는 중…</translation>
    </message>
    <message>
        <source>Resume the download</source>
        <translation>이어서 내려받기</translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation>{total} 중 {done}</translation>
    </message>
    <message>
        <source>{rate}/s</source>
        <translation>초당 {rate}</translation>
    </message>
    <message>
        <source>about {time} left</source>
        <translation>약 {time} 남음</translation>
    </message>
    <message>
        <source>The emotion model needs to be downloaded once</source>
        <translation>감정 모델을 한 번 내려받아야 합니다</translation>
    </message>
    <message>
        <source>The emotion model is not downloaded, and this computer is offline</source>
        <translation>감정 모델을 내려받지 않았고, 이 컴퓨터는 오프라인입니다</translation>
    </message>
    <message>
        <source>Choose an open_clip model folder</source>
        <translation>open_clip 모델 폴더 고르기</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>내려받기</translation>
    </message>
    <message>
        <source>Speed on CPU</source>
        <translation>CPU 속도</translation>
    </message>
    <message>
        <source>Good for</source>
        <translation>잘 맞는 용도</translation>
    </message>
    <message>
        <source>NAME:TAG, hf-hub:ORG/REPO or local-dir:/path/to/folder</source>
        <translation>이름:태그, hf-hub:조직/저장소 또는 local-dir:/폴더/경로</translation>
    </message>
    <message>
        <source>What MoodPlayer loads: a row of the list fills it in</source>
        <translation>MoodPlayer가 불러올 모델: 목록에서 한 줄을 고르면 채워집니다</translation>
    </message>
    <message>
        <source>Choose a model folder…</source>
        <translation>모델 폴더 고르기…</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>모델:</translation>
    </message>
    <message>
        <source>on this computer</source>
        <translation>이 컴퓨터에 있음</translation>
    </message>
    <message>
        <source>{good_for} {accuracy}% zero-shot on ImageNet.</source>
        <translation>{good_for} ImageNet 제로샷 정확도 {accuracy}%.</translation>
    </message>
    <message>
        <source>{n} photos/s</source>
        <translation>초당 사진 {n}장</translation>
    </message>
    <message>
        <source>{size} in {folder}</source>
        <translation>{folder}에 {size}</translation>
    </message>
    <message>
        <source>The model in use cannot work: {problem}</source>
        <translation>지금 쓰는 모델은 작동할 수 없습니다: {problem}</translation>
    </message>
    <message>
        <source>Not this one: {problem}</source>
        <translation>이 모델은 쓸 수 없습니다: {problem}</translation>
    </message>
    <message>
        <source>Choose an open_clip model folder (open_clip_config.json + weights)</source>
        <translation>open_clip 모델 폴더 고르기 (open_clip_config.json + 가중치)</translation>
    </message>
</context>
<context>
    <name>NowPlaying</name>
    <message>
        <source>Cover art</source>
        <translation>앨범 표지</translation>
    </message>
    <message>
        <source>Nothing playing</source>
        <translation>재생 중인 항목 없음</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <source>Photos</source>
        <translation>사진</translation>
    </message>
    <message>
        <source>All photos
(combined)</source>
        <translation>모든 사진
(종합)</translation>
    </message>
    <message>
        <source>Combined</source>
        <translation>종합</translation>
    </message>
    <message>
        <source>All photos, combined</source>
        <translation>모든 사진 종합</translation>
    </message>
    <message>
        <source>cannot
read</source>
        <translation>읽을 수
없음</translation>
    </message>
    <message>
        <source>This feels like…</source>
        <translation>이 사진의 느낌은…</translation>
    </message>
</context>
<context>
    <name>PhotosFlow</name>
    <message>
        <source>Choose a photo folder</source>
        <translation>사진 폴더 고르기</translation>
    </message>
    <message>
        <source>The clipboard holds no photos or image files.</source>
        <translation>클립보드에 사진이나 이미지 파일이 없습니다.</translation>
    </message>
    <message>
        <source>No photos found in what was dropped (MoodPlayer reads JPEG, PNG, WebP, GIF, TIFF, BMP and more).</source>
        <translation>놓은 항목에서 사진을 찾지 못했습니다 (MoodPlayer는 JPEG, PNG, WebP, GIF, TIFF, BMP 등을 읽습니다).</translation>
    </message>
    <message>
        <source>Waiting for the model…</source>
        <translation>모델을 기다리는 중…</translation>
    </message>
    <message>
        <source>The photos will be analysed as soon as it is loaded.</source>
        <translation>모델을 불러오는 대로 사진을 분석합니다.</translation>
    </message>
    <message>
        <source>Analysis cancelled.</source>
        <translation>분석을 취소했습니다.</translation>
    </message>
    <message>
        <source>Could not analyse the photos</source>
        <translation>사진을 분석하지 못했습니다</translation>
    </message>
    <message>
        <source>could not be read</source>
        <translation>읽을 수 없음</translation>
    </message>
    <message>
        <source>No readable photo</source>
        <translation>읽을 수 있는 사진이 없습니다</translation>
    </message>
    <message>
        <source>None of these photos could be read; hover them for why.</source>
        <translation>이 사진들을 하나도 읽지 못했습니다. 사진 위에 마우스를 올리면 이유가 보입니다.</translation>
    </message>
    <message>
        <source>{names} and {n} more</source>
        <translation>{names} 외 {n}개</translation>
    </message>
    <message>
        <source>Could not open {folders}.</source>
        <translation>{folders}을(를) 열지 못했습니다.</translation>
    </message>
    <message>
        <source>{failed} of {total} photos could not be read ({names}): {problem}.</source>
        <translation>사진 {total}장 중 {failed}장을 읽지 못했습니다 ({names}): {problem}.</translation>
    </message>
    <message>
        <source>The others were analysed.</source>
        <translation>나머지는 분석했습니다.</translation>
    </message>
    <message>
        <source>Combined mood of 1 photo</source>
        <translation>사진 1장의 종합 분위기</translation>
    </message>
    <message>
        <source>Combined mood of {n} photos</source>
        <translation>사진 {n}장의 종합 분위기</translation>
    </message>
    <message>
        <source>Not analysed yet.</source>
        <translation>아직 분석하지 않았습니다.</translation>
    </message>
    <message>
        <source>Could not be read: {problem}</source>
        <translation>읽을 수 없음: {problem}</translation>
    </message>
    <message>
        <source>Your library is empty, so there is nothing to play yet. Choose Library &gt; Choose library folders to add music and videos.</source>
        <translation>라이브러리가 비어 있어 아직 재생할 것이 없습니다. 라이브러리 &gt; 라이브러리 폴더 고르기에서 음악과 동영상을 추가하세요.</translation>
    </message>
    <message>
        <source>music</source>
        <translation>음악</translation>
    </message>
    <message>
        <source>video</source>
        <translation>동영상</translation>
    </message>
    <message>
        <source>music or video</source>
        <translation>음악이나 동영상</translation>
    </message>
    <message>
        <source>No {kind} in the library fits this mood (try another kind in Settings).</source>
        <translation>라이브러리에 이 분위기에 맞는 {kind}이(가) 없습니다 (설정에서 다른 종류를 골라 보세요).</translation>
    </message>
    <message>
        <source>Drop photos first: the queue follows their mood.</source>
        <translation>먼저 사진을 놓으세요. 대기열은 사진의 분위기를 따릅니다.</translation>
    </message>
    <message>
        <source>Nothing else like “{title}”.</source>
        <translation>“{title}”과(와) 비슷한 항목이 더 없습니다.</translation>
    </message>
    <message>
        <source>Added {n} like “{title}” after the current item.</source>
        <translation>“{title}”과(와) 비슷한 {n}개를 지금 항목 뒤에 추가했습니다.</translation>
    </message>
    <message>
        <source>New auto-playlist</source>
        <translation>새 자동 재생목록</translation>
    </message>
</context>
<context>
    <name>PlaylistsDialog</name>
    <message>
        <source>Playlists</source>
        <translation>재생목록</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>항목 수</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>만든 때</translation>
    </message>
    <message>
        <source>Saved playlists</source>
        <translation>저장한 재생목록</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>이름 바꾸기…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>삭제…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>내보내기…</translation>
    </message>
    <message>
        <source>Import M3U8 / XSPF…</source>
        <translation>M3U8 / XSPF 가져오기…</translation>
    </message>
    <message>
        <source>Clear auto-playlists</source>
        <translation>자동 재생목록 정리</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Older than a week</source>
        <translation>일주일보다 오래된 것</translation>
    </message>
    <message>
        <source>Older than a month</source>
        <translation>한 달보다 오래된 것</translation>
    </message>
    <message>
        <source>All auto-playlists</source>
        <translation>모든 자동 재생목록</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>자동</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>저장함</translation>
    </message>
    <message>
        <source>Made from a watched photo folder</source>
        <translation>지켜보는 사진 폴더에서 만듦</translation>
    </message>
    <message>
        <source>Saved by you</source>
        <translation>사용자가 저장함</translation>
    </message>
    <message>
        <source>No saved playlists yet. Save a queue with Ctrl+S, or import an M3U8 or XSPF file.</source>
        <translation>저장한 재생목록이 아직 없습니다. Ctrl+S로 대기열을 저장하거나 M3U8 또는 XSPF 파일을 가져오세요.</translation>
    </message>
    <message>
        <source>{saved} saved by you, {auto} made from watched folders.</source>
        <translation>사용자가 저장한 것 {saved}개, 지켜보는 폴더에서 만든 것 {auto}개.</translation>
    </message>
</context>
<context>
    <name>PlaylistsFlow</name>
    <message>
        <source>M3U8 playlist (*.m3u8);;XSPF playlist (*.xspf)</source>
        <translation>M3U8 재생목록 (*.m3u8);;XSPF 재생목록 (*.xspf)</translation>
    </message>
    <message>
        <source>Save playlist</source>
        <translation>재생목록 저장</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>이름:</translation>
    </message>
    <message>
        <source>The playlist “{name}” could not be saved: {problem}</source>
        <translation>재생목록 “{name}”을(를) 저장하지 못했습니다: {problem}</translation>
    </message>
    <message>
        <source>Saved playlist “{name}”.</source>
        <translation>재생목록 “{name}”을(를) 저장했습니다.</translation>
    </message>
    <message>
        <source>The queue is empty: nothing to export.</source>
        <translation>대기열이 비어 있어 내보낼 것이 없습니다.</translation>
    </message>
    <message>
        <source>Export queue</source>
        <translation>대기열 내보내기</translation>
    </message>
    <message>
        <source>“{name}” could not be exported: {problem}</source>
        <translation>“{name}”을(를) 내보내지 못했습니다: {problem}</translation>
    </message>
    <message>
        <source>Exported {n} items to {path}.</source>
        <translation>{n}개 항목을 {path}(으)로 내보냈습니다.</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(아직 없음)</translation>
    </message>
    <message>
        <source>{name} ({count})</source>
        <translation>{name} ({count})</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>자동</translation>
    </message>
    <message>
        <source>Manage playlists…</source>
        <translation>재생목록 관리…</translation>
    </message>
    <message>
        <source>Rename playlist</source>
        <translation>재생목록 이름 바꾸기</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>새 이름:</translation>
    </message>
    <message>
        <source>“{name}” could not be renamed: {problem}</source>
        <translation>“{name}”의 이름을 바꾸지 못했습니다: {problem}</translation>
    </message>
    <message>
        <source>Delete the playlist “{name}”? The music and videos stay where they are.</source>
        <translation>재생목록 “{name}”을(를) 삭제할까요? 음악과 동영상 파일은 그대로 남습니다.</translation>
    </message>
    <message>
        <source>Delete {n} playlists? The music and videos stay where they are.</source>
        <translation>재생목록 {n}개를 삭제할까요? 음악과 동영상 파일은 그대로 남습니다.</translation>
    </message>
    <message>
        <source>Delete playlists</source>
        <translation>재생목록 삭제</translation>
    </message>
    <message>
        <source>Deleted {n} playlists.</source>
        <translation>재생목록 {n}개를 삭제했습니다.</translation>
    </message>
    <message>
        <source>Delete every auto-playlist made from watched folders? Playlists you saved yourself are kept.</source>
        <translation>지켜보는 폴더에서 만든 자동 재생목록을 모두 삭제할까요? 직접 저장한 재생목록은 남겨 둡니다.</translation>
    </message>
    <message>
        <source>Delete the auto-playlists made more than {days} days ago? Playlists you saved yourself are kept.</source>
        <translation>{days}일보다 전에 만든 자동 재생목록을 삭제할까요? 직접 저장한 재생목록은 남겨 둡니다.</translation>
    </message>
    <message>
        <source>Clear auto-playlists</source>
        <translation>자동 재생목록 정리</translation>
    </message>
    <message>
        <source>Deleted {n} auto-playlists.</source>
        <translation>자동 재생목록 {n}개를 삭제했습니다.</translation>
    </message>
    <message>
        <source>Export playlist</source>
        <translation>재생목록 내보내기</translation>
    </message>
    <message>
        <source>Import playlists</source>
        <translation>재생목록 가져오기</translation>
    </message>
    <message>
        <source>Playlists (*.m3u8 *.m3u *.xspf);;All files (*)</source>
        <translation>재생목록 (*.m3u8 *.m3u *.xspf);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>가져온 재생목록</translation>
    </message>
    <message>
        <source>{file} could not be imported: {problem}</source>
        <translation>{file}을(를) 가져오지 못했습니다: {problem}</translation>
    </message>
    <message>
        <source>Imported {n} items as “{name}”.</source>
        <translation>{n}개 항목을 “{name}”(으)로 가져왔습니다.</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Queue</source>
        <translation>대기열</translation>
    </message>
    <message>
        <source>Play next</source>
        <translation>다음에 재생</translation>
    </message>
    <message>
        <source>More like this</source>
        <translation>비슷한 곡 더 찾기</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>새로 만들기</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>저장…</translation>
    </message>
    <message>
        <source>Save the queue as a playlist</source>
        <translation>대기열을 재생목록으로 저장</translation>
    </message>
    <message>
        <source>Build a fresh queue for the same mood</source>
        <translation>같은 분위기로 대기열을 새로 만듭니다</translation>
    </message>
    <message>
        <source>{n} items · {length}</source>
        <translation>{n}개 항목 · {length}</translation>
    </message>
    <message>
        <source>added by you</source>
        <translation>사용자가 추가함</translation>
    </message>
    <message>
        <source>playing now: </source>
        <translation>지금 재생 중: </translation>
    </message>
    <message>
        <source>Play now</source>
        <translation>지금 재생</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Music</source>
        <translation>음악</translation>
    </message>
    <message>
        <source>Videos</source>
        <translation>동영상</translation>
    </message>
    <message>
        <source>Music and videos</source>
        <translation>음악과 동영상</translation>
    </message>
    <message>
        <source>System</source>
        <translation>시스템 설정</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>밝게</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>어둡게</translation>
    </message>
    <message>
        <source>MoodPlayer settings</source>
        <translation>MoodPlayer 설정</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Changing the model or device reloads it in the background.</source>
        <translation>모델이나 장치를 바꾸면 백그라운드에서 다시 불러옵니다.</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>장치</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>대기열</translation>
    </message>
    <message>
        <source>{value}%  (0 = closest match, 100 = most varied)</source>
        <translation>{value}%  (0 = 가장 가깝게, 100 = 가장 다양하게)</translation>
    </message>
    <message>
        <source>Length (items)</source>
        <translation>길이 (항목 수)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Diversity</source>
        <translation>다양성</translation>
    </message>
    <message>
        <source>Library folders (music and videos)</source>
        <translation>라이브러리 폴더 (음악과 동영상)</translation>
    </message>
    <message>
        <source>Add a music or video folder</source>
        <translation>음악 또는 동영상 폴더 추가</translation>
    </message>
    <message>
        <source>Watched photo folders</source>
        <translation>지켜보는 사진 폴더</translation>
    </message>
    <message>
        <source>Watch a photo folder</source>
        <translation>사진 폴더 지켜보기</translation>
    </message>
    <message>
        <source>Start playing a new auto-playlist right away</source>
        <translation>새 자동 재생목록을 바로 재생</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>모양</translation>
    </message>
    <message>
        <source>A new language is used from the next start.</source>
        <translation>새 언어는 다음에 시작할 때부터 쓰입니다.</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>테마</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
</context>
<context>
    <name>StatusArea</name>
    <message>
        <source>Loading the emotion model…</source>
        <translation>감정 모델을 불러오는 중…</translation>
    </message>
    <message>
        <source>Analysis progress</source>
        <translation>분석 진행률</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Cancel the analysis</source>
        <translation>분석 취소</translation>
    </message>
    <message>
        <source>Analysing {n} photos…</source>
        <translation>사진 {n}장을 분석하는 중…</translation>
    </message>
    <message>
        <source>Analysing {done} of {total}: {name}</source>
        <translation>{total}장 중 {done}장 분석 중: {name}</translation>
    </message>
    <message>
        <source>Measuring this computer&apos;s speed (first start only)…</source>
        <translation>이 컴퓨터의 속도를 측정하는 중 (처음 시작할 때만)…</translation>
    </message>
    <message>
        <source>MoodPlayer measures once which way of running the model is fastest on this computer; later starts use the result.</source>
        <translation>MoodPlayer는 이 컴퓨터에서 모델을 가장 빠르게 실행하는 방법을 한 번만 측정하고, 다음 시작부터는 그 결과를 사용합니다.</translation>
    </message>
    <message>
        <source>No emotion model</source>
        <translation>감정 모델 없음</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>not tuned</source>
        <translation>조정 안 함</translation>
    </message>
    <message>
        <source>{model} · {device} · {head}</source>
        <translation>{model} · {device} · {head}</translation>
    </message>
    <message>
        <source>Emotion model: {model} on {device} ({dtype}).</source>
        <translation>감정 모델: {device}에서 {model} ({dtype}).</translation>
    </message>
    <message>
        <source>Listening to the library: {done} of {total}</source>
        <translation>라이브러리 소리 분석 중: {total}개 중 {done}개</translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <source>{name} ({keys})</source>
        <translation>{name} ({keys})</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>이전</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>재생 / 일시정지</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>스페이스</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>다음</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>재생 위치</translation>
    </message>
    <message>
        <source>Seek (Left / Right: 5 s, Shift: 30 s)</source>
        <translation>위치 이동 (왼쪽 / 오른쪽: 5초, Shift: 30초)</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>음량</translation>
    </message>
    <message>
        <source>Volume (Ctrl+Up / Ctrl+Down)</source>
        <translation>음량 (Ctrl+위 / Ctrl+아래)</translation>
    </message>
    <message>
        <source>Shuffle</source>
        <translation>무작위 재생</translation>
    </message>
    <message>
        <source>Fullscreen video</source>
        <translation>동영상 전체 화면</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>음소거</translation>
    </message>
    <message>
        <source>Repeat: off</source>
        <translation>반복: 끄기</translation>
    </message>
    <message>
        <source>Repeat: the whole queue</source>
        <translation>반복: 대기열 전체</translation>
    </message>
    <message>
        <source>Repeat: this track</source>
        <translation>반복: 이 곡</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>음소거 해제</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시정지</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>재생</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>MoodPlayer</source>
        <translation>MoodPlayer</translation>
    </message>
    <message>
        <source>Nothing playing</source>
        <translation>재생 중인 항목 없음</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>이전</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>다음</translation>
    </message>
    <message>
        <source>Show MoodPlayer</source>
        <translation>MoodPlayer 보이기</translation>
    </message>
    <message>
        <source>MoodPlayer — {track}</source>
        <translation>MoodPlayer — {track}</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시정지</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>끝내기</translation>
    </message>
</context>
<context>
    <name>TuneView</name>
    <message>
        <source>Accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>Share of the held-out photos read as you labelled them</source>
        <translation>따로 남겨 둔 사진 중 사용자가 붙인 라벨대로 읽은 비율</translation>
    </message>
    <message>
        <source>Balanced accuracy over emotions</source>
        <translation>감정별 균형 정확도</translation>
    </message>
    <message>
        <source>The average over emotions of the share read right: every emotion counts the same, however many photos it has</source>
        <translation>감정마다 맞게 읽은 비율의 평균입니다. 사진 수와 관계없이 모든 감정을 똑같이 셉니다</translation>
    </message>
    <message>
        <source>d MMM, HH:mm</source>
        <translation>MMM d일 HH:mm</translation>
    </message>
    <message>
        <source>d MMM</source>
        <translation>MMM d일</translation>
    </message>
    <message>
        <source>Tune to your taste</source>
        <translation>취향에 맞게 조정하기</translation>
    </message>
    <message>
        <source>Right-click a photo and choose “This feels like…” to teach MoodPlayer. With a few labels per emotion, tuning (DAPT) adapts the model&apos;s prompts to you; the model itself stays unchanged and nothing leaves this computer.</source>
        <translation>사진을 오른쪽 클릭하고 “이 사진의 느낌은…”을 골라 MoodPlayer를 가르치세요. 감정마다 라벨이 몇 개 있으면 조정(DAPT)이 모델의 프롬프트를 사용자에게 맞춥니다. 모델 자체는 바뀌지 않고, 어떤 것도 이 컴퓨터 밖으로 나가지 않습니다.</translation>
    </message>
    <message>
        <source>Labels per emotion</source>
        <translation>감정별 라벨 수</translation>
    </message>
    <message>
        <source>Emotion</source>
        <translation>감정</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>라벨</translation>
    </message>
    <message>
        <source>Tune now</source>
        <translation>지금 조정</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Cancel tuning</source>
        <translation>조정 취소</translation>
    </message>
    <message>
        <source>Scores before and after tuning</source>
        <translation>조정 전후 점수</translation>
    </message>
    <message>
        <source>On photos tuning never saw</source>
        <translation>조정에 쓰지 않은 사진 기준</translation>
    </message>
    <message>
        <source>Before tuning</source>
        <translation>조정 전</translation>
    </message>
    <message>
        <source>After tuning</source>
        <translation>조정 후</translation>
    </message>
    <message>
        <source>Reading in use</source>
        <translation>지금 쓰는 읽기 방식</translation>
    </message>
    <message>
        <source>Active:</source>
        <translation>사용 중:</translation>
    </message>
    <message>
        <source>{n} labels in all</source>
        <translation>라벨 모두 {n}개</translation>
    </message>
    <message>
        <source>No labels yet.</source>
        <translation>아직 라벨이 없습니다.</translation>
    </message>
    <message>
        <source>Ready to tune. A quarter of each emotion&apos;s labels is held out to score the reading before and after.</source>
        <translation>조정할 준비가 되었습니다. 감정마다 라벨의 4분의 1을 따로 남겨 조정 전후의 읽기를 평가합니다.</translation>
    </message>
    <message>
        <source>Emotions with fewer than 4 labels ({names}) are learnt from little evidence.</source>
        <translation>라벨이 4개보다 적은 감정({names})은 적은 근거로 배웁니다.</translation>
    </message>
    <message>
        <source>Not tuned (zero-shot)</source>
        <translation>조정 안 함 (제로샷)</translation>
    </message>
    <message>
        <source>Tuning…</source>
        <translation>조정하는 중…</translation>
    </message>
</context>
<context>
    <name>TuningFlow</name>
    <message>
        <source>The label could not be saved: {problem}</source>
        <translation>라벨을 저장하지 못했습니다: {problem}</translation>
    </message>
    <message>
        <source>Saved: {photo} feels like {emotion}.</source>
        <translation>저장했습니다: {photo}의 느낌은 {emotion}.</translation>
    </message>
    <message>
        <source>Tuning cancelled; nothing changed.</source>
        <translation>조정을 취소했습니다. 바뀐 것은 없습니다.</translation>
    </message>
    <message>
        <source>Tuning finished.</source>
        <translation>조정을 마쳤습니다.</translation>
    </message>
    <message>
        <source>Now using: {name}.</source>
        <translation>지금 사용 중: {name}.</translation>
    </message>
    <message>
        <source>not tuned (zero-shot)</source>
        <translation>조정 안 함 (제로샷)</translation>
    </message>
    <message>
        <source>Settings could not be saved: {problem}</source>
        <translation>설정을 저장하지 못했습니다: {problem}</translation>
    </message>
</context>
<context>
    <name>VideoPlatform</name>
    <message>
        <source>Videos open in a window of their own: MoodPlayer runs on Wayland without XWayland, where a video cannot be drawn inside this window.</source>
        <translation>동영상은 별도의 창에서 열립니다. MoodPlayer가 XWayland 없이 Wayland에서 실행 중이라 이 창 안에 동영상을 그릴 수 없습니다.</translation>
    </message>
    <message>
        <source>Videos open in a window of their own on this display.</source>
        <translation>이 디스플레이에서는 동영상이 별도의 창에서 열립니다.</translation>
    </message>
</context>
<context>
    <name>Workers</name>
    <message>
        <source>Something went wrong: {problem}. Details are in the log file.</source>
        <translation>문제가 생겼습니다: {problem}. 자세한 내용은 로그 파일에 있습니다.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>취소했습니다.</translation>
    </message>
</context>
</TS>
