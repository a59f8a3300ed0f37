/**
 * Sections from and to chapter lists (issue 10): read and write `podcast-timestamps/` lists,
 * find an episode's list, replace the headers by a list with a section diff, export the sections,
 * and keep `quotableClips` and `duration` in step with them. Pure functions over `Episode`.
 */
export { parseChapterList, formatChapterList, sortChapters, siteTime, type Chapter, type ChapterListError, type ChapterListParse, type ChapterListFormat } from './chapter-list'
export { findChapterList, chapterListFileName, seasonEpisodePrefix, CHAPTER_LIST_FOLDER, type ChapterListMatch } from './find-chapter-list'
export { placeChapters, chapterSlots, headerTitle, sameTitle, type ChapterPlacement, type SectionChange, type SectionChangeKind, type SectionAnchor } from './place-chapters'
export { sectionsOf, sectionsAsChapters, type Section } from './sections'
export { expectedClips, transcriptSpan, formatDuration, youtubeId, clipValue, CLIP_KEYS, type Clip } from './clips'
export { syncChapterCopies, type SyncOptions, type SyncResult } from './chapter-copies'
export { lintChapterCopies, type ChapterListCopy } from './chapter-lint'
