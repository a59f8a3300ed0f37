/**
 * Formats seconds as the site's scripts do: `M:SS` under an hour, `H:MM:SS` from an hour on
 * (`MM:SS` when the file pads minutes).
 */
export function formatTime(sec: number, padMinutes = false): string {
  const total = Math.max(0, Math.floor(sec))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const ss = String(s).padStart(2, '0')
  if (h > 0) return `${h}:${String(m).padStart(2, '0')}:${ss}`
  return `${padMinutes ? String(m).padStart(2, '0') : m}:${ss}`
}

/**
 * Reads a time typed by a person: `1:02:31`, `62:31`, `2:02`, or plain seconds (`3751`).
 * Returns whole seconds, or null when the text is not a time.
 */
export function parseTime(text: string): number | null {
  const t = text.trim()
  if (/^\d+$/.test(t)) return Number(t)
  const m = /^(?:(\d+):)?(\d+):(\d{1,2})$/.exec(t)
  if (!m) return null
  const [, h, min, s] = m
  if (Number(s) >= 60 || (h !== undefined && Number(min) >= 60)) return null
  return Number(h ?? 0) * 3600 + Number(min) * 60 + Number(s)
}

/**
 * The largest `sec` an edit may write: 100 hours (360,000 s). No episode is near it, and any value
 * up to it is a safe integer whose `time` reads back as the same seconds, so `sec` and `time` agree.
 */
export const MAX_SEC = 100 * 3600
