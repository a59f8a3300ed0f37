import { parseEpisode } from '../episode/parse-episode'
import { metadataValue } from '../episode/summary'

/** A person file of the site (`_people/<id>.md`): its id and the text of the file. */
export interface PersonFile {
  readonly id: string
  readonly text: string
}

/**
 * The display name of a person file: its front matter's `title:`, or null when the file has
 * none or cannot be read as front matter.
 */
export function personDisplayName(text: string): string | null {
  try {
    const title = metadataValue(parseEpisode(text), 'title')
    return typeof title === 'string' && title.trim() !== '' ? title.trim() : null
  } catch {
    // A person file that is not readable front matter has no usable name; callers show the id.
    return null
  }
}

/** Display names by person id, for the people whose file has a `title:`. */
export function peopleNames(files: readonly PersonFile[]): ReadonlyMap<string, string> {
  const names = new Map<string, string>()
  for (const f of files) {
    const name = personDisplayName(f.text)
    if (name !== null) names.set(f.id, name)
  }
  return names
}

/** The person id of a `_people/` file name (`nicksingh.md` → `nicksingh`), or null for other files and the template. */
export function personIdOf(fileName: string): string | null {
  const m = /^([^_.][^/\\]*)\.md$/i.exec(fileName)
  return m ? m[1]! : null
}
