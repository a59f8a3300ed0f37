/** What the workspace knows about speakers: people's display names and who the host is. */
export interface SpeakerKnowledge {
  /** Whether the open folder is a site checkout. */
  readonly site: boolean
  /** Display names by person id (`nicksingh` → `Nick Singh`). */
  readonly people: ReadonlyMap<string, string>
  /** The speaker of most episodes of the workspace (null when it cannot be told). */
  readonly workspaceHost: string | null
  /** The host the user set in the settings, which wins over the workspace's; null: none set. */
  readonly hostOverride: string | null
}

/** Before the host has said anything: no people, no host. */
export const noSpeakerKnowledge: SpeakerKnowledge = { site: false, people: new Map(), workspaceHost: null, hostOverride: null }

/** The host speaker the editor uses: the user's choice, else the workspace's. */
export function hostOf(knowledge: SpeakerKnowledge): string | null {
  const override = knowledge.hostOverride?.trim()
  return override ? override : knowledge.workspaceHost
}
