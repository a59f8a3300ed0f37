import { useMemo, useState } from 'react'
import type { AppSettings } from '../../shared/api/contract'
import { CHECK_GROUPS } from '../state/check-catalog'
import { notify, setDialog } from '../state/commands'
import { useAppState, useController } from '../state/hooks'
import { Modal } from './modal'

/** The workspace's speakers, most episodes first, then the open episode's roster: the host field's suggestions. */
function useSpeakerSuggestions(): string[] {
  const files = useAppState((s) => s.workspace?.files)
  const roster = useAppState((s) => s.session?.roster)
  return useMemo(() => {
    const counts = new Map<string, number>()
    for (const f of files ?? []) for (const who of f.speakers) counts.set(who, (counts.get(who) ?? 0) + 1)
    for (const who of roster ?? []) if (!counts.has(who)) counts.set(who, 0)
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([who]) => who)
  }, [files, roster])
}

/** Settings (Ctrl+,): which checks run, and who the host is. Saved for later runs by the host. */
export function SettingsDialog() {
  const controller = useController()
  const saved = useAppState((s) => s.settings)
  const close = () => controller.dispatch(setDialog(null))
  const [disabled, setDisabled] = useState<ReadonlySet<string>>(() => new Set(saved.disabledRules))
  const [host, setHost] = useState(saved.hostSpeaker ?? '')
  const suggestions = useSpeakerSuggestions()
  const toggle = (code: string, on: boolean) => {
    const next = new Set(disabled)
    if (on) next.delete(code)
    else next.add(code)
    setDisabled(next)
  }
  const apply = async () => {
    const settings: AppSettings = { disabledRules: [...disabled].sort(), hostSpeaker: host.trim() === '' ? null : host.trim() }
    close()
    if (await controller.saveSettings(settings)) controller.dispatch(notify('Settings saved'))
  }
  const off = disabled.size
  return (
    <Modal
      title="Settings"
      wide
      onCancel={close}
      footer={
        <>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="button" className="button primary" onClick={() => void apply()}>
            Save
          </button>
        </>
      }
    >
      <form
        className="settings"
        onSubmit={(e) => {
          e.preventDefault()
          void apply()
        }}
      >
        <section className="settings-section" aria-labelledby="settings-checks">
          <h3 id="settings-checks">Checks</h3>
          <p className="muted settings-note">
            A check switched off is not listed in Problems, marks no row, and “Fix all typography” leaves its rule alone.
            {off > 0 ? ` ${off} switched off.` : ''}
          </p>
          <div className="settings-groups">
            {CHECK_GROUPS.map((group) => (
              <fieldset key={group.title} className="settings-group">
                <legend>{group.title}</legend>
                {group.checks.map((check) => (
                  <label key={check.code} className="switch-row" title={check.code}>
                    <input
                      type="checkbox"
                      role="switch"
                      data-code={check.code}
                      checked={!disabled.has(check.code)}
                      onChange={(e) => toggle(check.code, e.target.checked)}
                    />
                    <span>{check.label}</span>
                  </label>
                ))}
              </fieldset>
            ))}
          </div>
        </section>
        <section className="settings-section" aria-labelledby="settings-speakers">
          <h3 id="settings-speakers">Speakers</h3>
          <div className="form-grid">
            <label htmlFor="settings-host">Host speaker</label>
            <input
              id="settings-host"
              value={host}
              list="settings-host-suggestions"
              spellCheck={false}
              placeholder="Automatic"
              aria-describedby="settings-host-note"
              onChange={(e) => setHost(e.target.value)}
            />
            <datalist id="settings-host-suggestions">
              {suggestions.map((who) => (
                <option key={who} value={who} />
              ))}
            </datalist>
          </div>
          <p id="settings-host-note" className="muted settings-note">
            The name the host speaks under in every episode. Empty: found automatically.
          </p>
        </section>
      </form>
    </Modal>
  )
}
