import type { FileHandle } from '../../shared/api/contract'
import type { AppCommand } from './commands'

/**
 * Records in the episode list whether the host keeps a recovery draft of `handle` (written or
 * discarded just now), so the list marks it without asking the host again. Returns the state
 * unchanged when the list says so already, and null when the episode is not listed.
 */
export function markDraft(handle: FileHandle, hasDraft: boolean): AppCommand {
  return (state) => {
    const files = state.workspace?.files
    const index = files?.findIndex((f) => f.handle === handle) ?? -1
    if (!state.workspace || !files || index < 0) return null
    const file = files[index]!
    if ((file.draft === true) === hasDraft) return state
    const { draft: _old, ...rest } = file
    const marked = hasDraft ? { ...rest, draft: true as const } : rest
    return { ...state, workspace: { ...state.workspace, files: files.map((f, i) => (i === index ? marked : f)) } }
  }
}
