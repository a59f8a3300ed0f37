import { hostChannels, type HostApi, type HostBridge, type HostEvent, type OpenedFile } from '../../shared/api/contract'
import { HostUnreachableError } from '../../shared/api/host-unreachable'
import { openedFileContentType, openedFileFromFrame } from '../../shared/api/opened-file-frame'

/** Bodies below this many UTF-16 units are sent keepalive (the browser's limit is 64 KiB of bytes, shared by calls in flight). */
const KEEPALIVE_LIMIT = 16 * 1024

/** Options of `createBrowserBridge`; the defaults suit the page served by `transcript-editor serve`. */
export interface BrowserBridgeOptions {
  /** Origin of the server; default: the page's own. */
  readonly baseUrl?: string
  /** The run's token; default: the page URL's `?token=` (the HttpOnly cookie covers pages opened without it). */
  readonly token?: string | null
  /** First delay before reconnecting a closed event stream; doubles up to 15 s. */
  readonly reconnectDelayMs?: number
}

/** A host call the server refused or could not do; `code` is `invalid-arguments`, `refused`, `not-found` or `io`. */
export class HostCallError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly status: number,
  ) {
    super(message)
    this.name = 'HostCallError'
  }
}

/**
 * The browser-mode host: every method of the contract is `POST /api/<method>` with the
 * arguments as a JSON array, built from `hostChannels` so it cannot drift from the contract;
 * events arrive over an EventSource that reconnects when the server restarts.
 */
export function createBrowserBridge(options: BrowserBridgeOptions = {}): HostBridge {
  const baseUrl = options.baseUrl ?? ''
  const token = options.token === undefined ? tokenFromPage() : options.token
  const firstDelay = options.reconnectDelayMs ?? 1000

  const call = async (method: string, args: unknown[]): Promise<unknown> => {
    let response: Response
    const request = JSON.stringify(args)
    try {
      response = await fetch(`${baseUrl}/api/${method}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', ...(token ? { 'X-Transcript-Token': token } : {}) },
        body: request,
        // A small call survives the page going away (the player's place sent on pagehide);
        // browsers cap keepalive bodies at 64 KiB, which a saved episode can exceed.
        keepalive: request.length < KEEPALIVE_LIMIT,
      })
    } catch (error) {
      // fetch rejects only when no answer came back at all (server gone, network down).
      throw new HostUnreachableError(method, error)
    }
    if (response.ok && response.headers.get('Content-Type') === openedFileContentType) return readOpenedFile(response)
    const body = (await response.json().catch(() => null)) as { error?: unknown; code?: unknown } | null
    if (!response.ok) {
      const message = typeof body?.error === 'string' ? body.error : `${method} failed (HTTP ${response.status}).`
      throw new HostCallError(message, typeof body?.code === 'string' ? body.code : undefined, response.status)
    }
    return body
  }

  const methods = Object.fromEntries(
    Object.keys(hostChannels).map((method) => [method, (...args: unknown[]) => call(method, args)]),
  ) as unknown as Required<HostApi>

  const listeners = new Set<(event: HostEvent) => void>()
  let source: EventSource | null = null
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let delay = firstDelay

  const connect = () => {
    const query = token ? `?token=${encodeURIComponent(token)}` : ''
    const stream = new EventSource(`${baseUrl}/api/events${query}`)
    source = stream
    stream.onopen = () => {
      delay = firstDelay
    }
    stream.onmessage = (message: MessageEvent<string>) => {
      const event = parseEvent(message.data)
      if (event) for (const listener of [...listeners]) listener(event)
    }
    stream.onerror = () => {
      // EventSource retries dropped connections itself, but gives up on an HTTP error (CLOSED).
      if (stream.readyState !== EventSource.CLOSED || source !== stream) return
      source = null
      retryTimer = setTimeout(() => {
        retryTimer = undefined
        if (listeners.size > 0 && source === null) connect()
      }, delay)
      delay = Math.min(delay * 2, 15_000)
    }
  }

  const disconnect = () => {
    clearTimeout(retryTimer)
    retryTimer = undefined
    source?.close()
    source = null
  }

  return {
    ...methods,
    onEvent(listener) {
      listeners.add(listener)
      if (source === null && retryTimer === undefined) connect()
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0) disconnect()
      }
    },
  }
}

/** Keeps a byte order mark as U+FEFF, as the host read it, so the text saves back to the same bytes. */
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true })

/** An opened file from its frame (`openedFileContentType`): the JSON line of its fields, then its text. */
async function readOpenedFile(response: Response): Promise<OpenedFile> {
  const bytes = new Uint8Array(await response.arrayBuffer())
  const end = bytes.indexOf(0x0a)
  if (end < 0) throw new Error('The host\'s answer with the file was cut short.')
  return openedFileFromFrame(utf8.decode(bytes.subarray(0, end)), utf8.decode(bytes.subarray(end + 1)))
}

function tokenFromPage(): string | null {
  return typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('token')
}

function parseEvent(data: string): HostEvent | null {
  try {
    const value = JSON.parse(data) as { type?: unknown }
    return typeof value?.type === 'string' ? (value as HostEvent) : null
  } catch {
    return null
  }
}
