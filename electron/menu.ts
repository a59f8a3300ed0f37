import type { MenuItemConstructorOptions } from 'electron'
import type { MenuCommand, RecentItem } from '../shared/api/contract'

/** What the menu's items do; the main process supplies these. */
export interface MenuActions {
  /** Sends a command to the UI (save, undo, find…) as a `menu` host event. */
  send(command: MenuCommand): void
  openFile(): void
  openFolder(): void
  openRecent(item: RecentItem): void
}

/**
 * The application menu as a template. Undo, redo, find and replace are custom items that
 * send commands to the UI rather than `role: 'undo'`, which would run Chromium's text undo
 * inside one cell instead of the editor's own history. Cut, copy and paste keep their roles.
 */
export function appMenuTemplate(
  actions: MenuActions,
  recent: readonly RecentItem[],
  options: { readonly platform: NodeJS.Platform; readonly dev: boolean; readonly appName: string },
): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin'
  const command = (label: string, name: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => actions.send(name),
  })
  const recentItems: MenuItemConstructorOptions[] =
    recent.length === 0
      ? [{ label: 'No Recent Items', enabled: false }]
      : recent.map((item) => ({ label: item.path, click: () => actions.openRecent(item) }))

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open File…', accelerator: 'CmdOrCtrl+O', click: () => actions.openFile() },
      { label: 'Open Folder…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.openFolder() },
      { label: 'Open Recent', submenu: recentItems },
      { type: 'separator' },
      command('Save', 'save', 'CmdOrCtrl+S'),
      command('Save All', 'save-all', 'CmdOrCtrl+Alt+S'),
      command('Review Changes…', 'review-changes', 'CmdOrCtrl+Shift+D'),
      command('Revert', 'revert'),
      { type: 'separator' },
      command('Go to Episode…', 'quick-open', 'CmdOrCtrl+P'),
      command('Next Tab', 'next-tab', 'CmdOrCtrl+PageDown'),
      command('Previous Tab', 'previous-tab', 'CmdOrCtrl+PageUp'),
      { type: 'separator' },
      command('Close', 'close', 'CmdOrCtrl+W'),
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  }
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      command('Undo', 'undo', 'CmdOrCtrl+Z'),
      command('Redo', 'redo', mac ? 'Shift+Cmd+Z' : 'Ctrl+Y'),
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      command('Find', 'find', 'CmdOrCtrl+F'),
      command('Replace', 'replace', mac ? 'Alt+Cmd+F' : 'Ctrl+H'),
    ],
  }
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(options.dev ? [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  }
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ label: `About ${options.appName}`, role: 'about' }],
  }
  const appMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  }
  return [...(mac ? [appMenu] : []), file, edit, view, ...(mac ? [{ role: 'windowMenu' } as const] : []), help]
}
