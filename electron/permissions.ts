import type { Session } from 'electron'

/**
 * Denies every permission a page may ask for (camera, microphone, notifications, clipboard,
 * devices…) in `session`: Electron grants them all when no handler is set (Electron security
 * checklist, item 5). The editor needs none, so requests, checks and device access are all
 * refused without looking at who asks.
 */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
}
