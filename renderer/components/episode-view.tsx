import { useAppState } from '../state/hooks'
import { Banners } from './banners'
import { EpisodeSummary } from './episode-summary'
import { FindBar } from './find-bar'
import { PlayerPanel } from './player-panel'
import { SidePanel } from './side-panel'
import { Toolbar } from './toolbar'
import { TranscriptGrid } from './transcript-grid'

/** The open episode: summary, prompts, toolbar or find bar, the grid, and the outline/problems panel. */
export function EpisodeView() {
  const handle = useAppState((s) => s.session!.handle)
  const findOpen = useAppState((s) => s.find.open)
  return (
    <main className="episode" aria-label="Episode">
      <EpisodeSummary />
      <Banners />
      <Toolbar />
      {findOpen && <FindBar />}
      <PlayerPanel />
      <div className="episode-body">
        <TranscriptGrid key={handle} />
        <SidePanel />
      </div>
    </main>
  )
}
