/** The player's actions (`player-actions.ts`). */
export type PlayerActionId =
  | 'play-pause'
  | 'seek-back'
  | 'seek-forward'
  | 'slower'
  | 'faster'
  | 'play-row'
  | 'set-time'
  | 'nudge-earlier'
  | 'nudge-later'
  | 'loop'
  | 'follow'
  | 'patient'

/** Where a shortcut applies: anywhere, on a focused grid cell, or inside a cell editor. */
export type Scope = 'global' | 'grid' | 'editing'

/** Every action a key or a button can trigger; `actions.ts` says what each does. */
export type ActionId =
  | 'save'
  | 'save-all'
  | 'revert'
  | 'close'
  | 'next-tab'
  | 'previous-tab'
  | 'quick-open'
  | 'review-changes'
  | 'undo'
  | 'redo'
  | 'find'
  | 'find-next'
  | 'find-previous'
  | 'replace'
  | 'replace-current'
  | 'replace-all'
  | 'workspace-search'
  | 'workspace-replace'
  | 'add-to-glossary'
  | 'quick-fix'
  | 'help'
  | 'insert-header'
  | 'delete-header'
  | 'delete-rows'
  | 'move-up'
  | 'move-down'
  | 'split'
  | 'merge-up'
  | 'merge-at-start'
  | 'rename-speaker'
  | 'swap-speakers'
  | `assign-${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}`
  | 'row-up'
  | 'row-down'
  | 'extend-up'
  | 'extend-down'
  | 'page-up'
  | 'page-down'
  | 'first-row'
  | 'last-row'
  | 'cell-left'
  | 'cell-right'
  | 'next-cell'
  | 'previous-cell'
  | 'select-all'
  | 'edit'
  | 'leave'
  | 'enter'
  | 'escape'
  | 'next-pane'
  | 'previous-pane'
  | 'import-chapters'
  | 'export-chapters'
  | 'sync-clips'
  | 'fix-typography'
  | 'settings'
  | 'quick-fix'
  | PlayerActionId

/** One line of the shortcut map: keys, what they do, where, and how the help overlay lists it. */
export interface Shortcut {
  /** Key names such as `Mod-s`, `Alt-1`, `Shift-ArrowUp`; `Mod` is Cmd on macOS, Ctrl elsewhere. */
  readonly keys: readonly string[]
  readonly action: ActionId
  readonly scopes: readonly Scope[]
  readonly group: 'File' | 'Edit' | 'Move around' | 'Speakers' | 'Sections' | 'In a cell editor' | 'Find' | 'Player'
  readonly label: string
  /** Also fires while typing in a plain text field (find, dialogs); off for undo so fields keep theirs. */
  readonly inFields?: boolean
}

/** Alt+1…9, also in a cell editor: the speaker picker's options show them, so they work (or say why not) there too. */
const speakerKeys: Shortcut[] = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({
  keys: [`Alt-${n}`],
  action: `assign-${n}` as ActionId,
  scopes: ['global', 'editing'],
  group: 'Speakers',
  label: n === 1 ? 'Assign speaker 1…9 (numbered in the header) to the selected rows' : `Assign speaker ${n}`,
}))

/**
 * The player's keys: modified, so they insert no character, and they work while a cell is being
 * edited. Not Alt+F, E or V, which open the desktop app's menus on Windows and Linux.
 */
const playerKeys: Shortcut[] = (
  [
    [['Alt-k'], 'play-pause', 'Play or pause the recording'],
    [['Alt-j'], 'seek-back', 'Back 5 seconds'],
    [['Alt-l'], 'seek-forward', 'Forward 5 seconds'],
    [['Alt-,'], 'slower', 'Slower (down to 0.5×)'],
    [['Alt-.'], 'faster', 'Faster (up to 2×)'],
    [['Alt-p'], 'play-row', "Play from the current row (1 s before its time); or Alt+click a row's time"],
    [['Alt-t'], 'set-time', "Set the row's time from the playhead"],
    [['Alt-['], 'nudge-earlier', "Row's time 1 second earlier"],
    [['Alt-]'], 'nudge-later', "Row's time 1 second later"],
    [['Alt-o'], 'loop', 'Loop the current line on or off'],
    [['Alt-Shift-k'], 'patient', 'Patient playback on or off (pause while typing, go on 1 s back when typing stops)'],
    [['Alt-Shift-f'], 'follow', 'Follow the recording on or off (highlight the spoken row and keep it in view)'],
  ] as const
).map(([keys, action, label]) => ({ keys, action, scopes: ['global', 'editing'], group: 'Player', label, inFields: true }))

/** The single shortcut map: the key dispatcher and the help overlay both read it. */
export const shortcuts: readonly Shortcut[] = [
  { keys: ['Mod-s'], action: 'save', scopes: ['global'], group: 'File', label: 'Save', inFields: true },
  { keys: ['Mod-Alt-s'], action: 'save-all', scopes: ['global'], group: 'File', label: 'Save all episodes with unsaved changes', inFields: true },
  { keys: ['Mod-Shift-d'], action: 'review-changes', scopes: ['global'], group: 'File', label: 'Review changes: what Save will write, as a diff', inFields: true },
  { keys: ['Mod-p'], action: 'quick-open', scopes: ['global'], group: 'File', label: 'Go to an episode by title, file name or s10e04…', inFields: true },
  { keys: ['Mod-w'], action: 'close', scopes: ['global'], group: 'File', label: 'Close the episode’s tab', inFields: true },
  { keys: ['Mod-PageDown', 'Mod-Tab', 'Ctrl-Tab'], action: 'next-tab', scopes: ['global'], group: 'File', label: 'Next tab', inFields: true },
  { keys: ['Mod-PageUp', 'Mod-Shift-Tab', 'Ctrl-Shift-Tab'], action: 'previous-tab', scopes: ['global'], group: 'File', label: 'Previous tab', inFields: true },
  { keys: ['Mod-z'], action: 'undo', scopes: ['global'], group: 'Edit', label: 'Undo' },
  { keys: ['Mod-Shift-z', 'Mod-y'], action: 'redo', scopes: ['global'], group: 'Edit', label: 'Redo' },
  { keys: ['Mod-f'], action: 'find', scopes: ['global'], group: 'Find', label: 'Find in this episode', inFields: true },
  { keys: ['F3', 'Mod-g'], action: 'find-next', scopes: ['global'], group: 'Find', label: 'Next match', inFields: true },
  { keys: ['Shift-F3', 'Mod-Shift-g'], action: 'find-previous', scopes: ['global'], group: 'Find', label: 'Previous match', inFields: true },
  { keys: ['Mod-h', 'Mod-Alt-f'], action: 'replace', scopes: ['global'], group: 'Find', label: 'Find and replace in this episode', inFields: true },
  { keys: ['Mod-Shift-1'], action: 'replace-current', scopes: ['global'], group: 'Find', label: 'Replace the current match (in the find bar: Enter in the replace field)', inFields: true },
  { keys: ['Mod-Alt-Enter'], action: 'replace-all', scopes: ['global'], group: 'Find', label: 'Replace all matches in this episode', inFields: true },
  { keys: ['Mod-Shift-f'], action: 'workspace-search', scopes: ['global'], group: 'Find', label: 'Search all episodes of the folder', inFields: true },
  { keys: ['Mod-Shift-h'], action: 'workspace-replace', scopes: ['global'], group: 'Find', label: 'Replace across the episodes of the folder', inFields: true },
  { keys: ['Alt-g'], action: 'add-to-glossary', scopes: ['global', 'editing'], group: 'Find', label: 'Add the selected word to the glossary of misheard names…', inFields: true },
  { keys: ['Mod-,'], action: 'settings', scopes: ['global'], group: 'File', label: 'Settings: checks switched on, host speaker…', inFields: true },
  { keys: ['Mod-.'], action: 'quick-fix', scopes: ['global', 'editing'], group: 'Edit', label: "Fix the current row's problem (a menu when it has several)" },
  { keys: ['F1'], action: 'help', scopes: ['global'], group: 'File', label: 'Show this list of shortcuts', inFields: true },
  { keys: ['?'], action: 'help', scopes: ['grid'], group: 'File', label: 'Show this list of shortcuts' },
  { keys: ['F6'], action: 'next-pane', scopes: ['global'], group: 'Move around', label: 'Next pane: episodes, toolbar, transcript, outline (leaves the grid)', inFields: true },
  { keys: ['Shift-F6'], action: 'previous-pane', scopes: ['global'], group: 'Move around', label: 'Previous pane', inFields: true },
  { keys: ['ArrowUp'], action: 'row-up', scopes: ['grid'], group: 'Move around', label: 'Previous row' },
  { keys: ['ArrowDown'], action: 'row-down', scopes: ['grid'], group: 'Move around', label: 'Next row' },
  { keys: ['ArrowLeft'], action: 'cell-left', scopes: ['grid'], group: 'Move around', label: 'Cell to the left' },
  { keys: ['ArrowRight'], action: 'cell-right', scopes: ['grid'], group: 'Move around', label: 'Cell to the right' },
  { keys: ['Tab'], action: 'next-cell', scopes: ['grid', 'editing'], group: 'Move around', label: 'Next cell (keeps editing if a cell is open)' },
  { keys: ['Shift-Tab'], action: 'previous-cell', scopes: ['grid', 'editing'], group: 'Move around', label: 'Previous cell' },
  { keys: ['PageUp'], action: 'page-up', scopes: ['grid'], group: 'Move around', label: 'One screen up' },
  { keys: ['PageDown'], action: 'page-down', scopes: ['grid'], group: 'Move around', label: 'One screen down' },
  { keys: ['Mod-Home'], action: 'first-row', scopes: ['grid'], group: 'Move around', label: 'First row' },
  { keys: ['Mod-End'], action: 'last-row', scopes: ['grid'], group: 'Move around', label: 'Last row' },
  { keys: ['Shift-ArrowUp'], action: 'extend-up', scopes: ['grid'], group: 'Move around', label: 'Select the row above too' },
  { keys: ['Shift-ArrowDown'], action: 'extend-down', scopes: ['grid'], group: 'Move around', label: 'Select the row below too' },
  { keys: ['Mod-a'], action: 'select-all', scopes: ['grid'], group: 'Move around', label: 'Select all rows' },
  { keys: ['Escape'], action: 'escape', scopes: ['grid'], group: 'Move around', label: 'Select only the current row; close find' },
  { keys: ['Enter', 'F2'], action: 'edit', scopes: ['grid'], group: 'Edit', label: 'Edit the cell (or double-click it)' },
  { keys: ['Escape'], action: 'leave', scopes: ['editing'], group: 'In a cell editor', label: 'Cancel the edit (Undo brings back what was typed)' },
  { keys: ['Enter'], action: 'enter', scopes: ['editing'], group: 'In a cell editor', label: 'Apply and stop editing (text: then the row below)' },
  { keys: ['Backspace'], action: 'merge-at-start', scopes: ['editing'], group: 'In a cell editor', label: 'At the start of a line: merge it into the line above (same speaker)' },
  { keys: ['Mod-Shift-Enter', 'Alt-Enter'], action: 'split', scopes: ['grid', 'editing'], group: 'Edit', label: 'Split the line at the cursor' },
  { keys: ['Mod-Backspace'], action: 'merge-up', scopes: ['grid'], group: 'Edit', label: 'Merge the line into the line above' },
  ...speakerKeys,
  { keys: ['Alt-r'], action: 'rename-speaker', scopes: ['global'], group: 'Speakers', label: 'Rename a speaker everywhere…' },
  { keys: ['Alt-s'], action: 'swap-speakers', scopes: ['global'], group: 'Speakers', label: 'Swap two speakers in the selected rows…' },
  { keys: ['Alt-Shift-h'], action: 'insert-header', scopes: ['global'], group: 'Sections', label: 'Insert a section header above the row' },
  { keys: ['Delete'], action: 'delete-rows', scopes: ['grid'], group: 'Edit', label: 'Delete the selected rows (lines or sections)' },
  { keys: ['Alt-ArrowUp'], action: 'move-up', scopes: ['grid'], group: 'Sections', label: 'Move the section header up' },
  { keys: ['Alt-ArrowDown'], action: 'move-down', scopes: ['grid'], group: 'Sections', label: 'Move the section header down' },
  { keys: ['Alt-i'], action: 'import-chapters', scopes: ['global'], group: 'Sections', label: 'Replace sections from a chapter list…' },
  { keys: ['Alt-Shift-e'], action: 'export-chapters', scopes: ['global'], group: 'Sections', label: 'Export the sections as a chapter list…' },
  ...playerKeys,
]

/** Whether the platform's primary modifier is Cmd (macOS) rather than Ctrl. */
export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)

const altPunctuation: Readonly<Record<string, string>> = { Comma: ',', Period: '.', BracketLeft: '[', BracketRight: ']' }

/** The key name of an event in the map's notation (`Mod-Shift-z`, `Alt-1`, `ArrowUp`, `?`). */
function keyName(event: KeyboardEvent, mac = isMac): string {
  const mod = mac ? event.metaKey : event.ctrlKey
  const ctrl = mac && event.ctrlKey
  let base: string
  const letter = /^Key([A-Z])$/.exec(event.code)
  const digit = /^Digit(\d)$/.exec(event.code)
  // By position, as letters are: Option+, types another character on macOS.
  const punctuation = altPunctuation[event.code]
  if ((mod || event.altKey) && letter) base = letter[1]!.toLowerCase()
  else if ((mod || event.altKey) && digit) base = digit[1]!
  else if (event.altKey && punctuation) base = punctuation
  else if (event.key.length === 1 && !/[a-z0-9]/i.test(event.key) && !mod && !event.altKey) return event.key === ' ' ? 'Space' : event.key
  else base = event.key.length === 1 ? event.key.toLowerCase() : event.key
  return `${mod ? 'Mod-' : ''}${ctrl ? 'Ctrl-' : ''}${event.altKey ? 'Alt-' : ''}${event.shiftKey ? 'Shift-' : ''}${base}`
}

/** The shortcut an event triggers in a scope, if any. */
export function matchShortcut(event: KeyboardEvent, scope: Scope, inField = false): Shortcut | undefined {
  const name = keyName(event)
  return shortcuts.find((s) => s.scopes.includes(scope) && s.keys.includes(name) && (!inField || s.inFields))
}

/** Keys as shown to people: `Ctrl+Shift+Z`, or `⇧⌘Z` on macOS. */
export function formatKeys(keys: string, mac = isMac): string {
  const parts = keys === '?' ? ['?'] : keys.split('-')
  const names: Record<string, [string, string]> = {
    Mod: ['⌘', 'Ctrl'],
    Ctrl: ['⌃', 'Ctrl'],
    Alt: ['⌥', 'Alt'],
    Shift: ['⇧', 'Shift'],
    ArrowUp: ['↑', '↑'],
    ArrowDown: ['↓', '↓'],
    ArrowLeft: ['←', '←'],
    ArrowRight: ['→', '→'],
    Enter: ['↩', 'Enter'],
    Backspace: ['⌫', 'Backspace'],
    Delete: ['⌦', 'Delete'],
    Escape: ['Esc', 'Esc'],
    PageUp: ['PgUp', 'PgUp'],
    PageDown: ['PgDn', 'PgDn'],
  }
  const shown = parts.map((p) => names[p]?.[mac ? 0 : 1] ?? (p.length === 1 ? p.toUpperCase() : p))
  if (!mac) return shown.join('+')
  const order = ['⌃', '⌥', '⇧', '⌘']
  const mods = shown.filter((p) => order.includes(p)).sort((a, b) => order.indexOf(a) - order.indexOf(b))
  return [...mods, ...shown.filter((p) => !order.includes(p))].join('')
}

/**
 * A shortcut's keys as the shortcuts overlay lists them: formatted, each once. `Mod-Tab` and
 * `Ctrl-Tab` are both Ctrl+Tab outside macOS, and were listed twice.
 */
export function shownKeys(keys: readonly string[], mac = isMac): string[] {
  return [...new Set(keys.map((k) => formatKeys(k, mac)))]
}

/** The first key of an action, formatted (for button tooltips), or '' when it has none. */
export function shortcutLabel(action: ActionId): string {
  const s = shortcuts.find((x) => x.action === action)
  return s?.keys[0] ? formatKeys(s.keys[0]) : ''
}
