// Chairs: who waits in the lobby, each with "admit" and "deny", and "admit everyone".
import { useId, useState } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import type { LobbyEntry } from '../../lib/signaling/messages';
import { CheckIcon, CloseIcon } from '../../lib/ui/icons';
import { formatClockTime } from './clock-time';
import type { PanelSession } from './panel-session';

export function LobbySection({
  lobby,
  session,
  onError,
}: {
  lobby: readonly LobbyEntry[];
  session: PanelSession;
  /** A refusal to show (room full, already gone, …); null clears the last one. */
  onError: (code: string | null) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  // Lobby IDs with a request on its way (the entry leaves with the next `lobby` message).
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());

  async function decide(entries: readonly LobbyEntry[], action: 'admit' | 'reject') {
    onError(null);
    setBusy((current) => new Set([...current, ...entries.map((e) => e.lobbyId)]));
    let failure: string | null = null;
    // One by one: the server checks the room's limit for each.
    for (const entry of entries) {
      const code = await session.tryRequest({ type: 'moderate', action, target: entry.lobbyId });
      if (code !== null && failure === null) failure = code;
    }
    setBusy((current) => new Set([...current].filter((lobbyId) => !entries.some((e) => e.lobbyId === lobbyId))));
    if (failure !== null) onError(failure);
  }

  return (
    <section className="panel-section lobby-list" aria-labelledby={`${id}-title`} data-testid="lobby-section">
      <div className="panel-section__header">
        <h3 className="panel-section__title" id={`${id}-title`}>
          {t('meeting.chair.lobbyTitle', { count: lobby.length })}
        </h3>
        {lobby.length > 0 && (
          <button className="button panel-button" type="button" onClick={() => void decide(lobby, 'admit')} data-testid="lobby-admit-all">
            {t('meeting.chair.admitAll')}
          </button>
        )}
      </div>
      <ul className="lobby-list__entries">
        {lobby.map((entry, index) => (
          <li key={entry.lobbyId} className="lobby-entry" data-testid="lobby-entry" data-lobby-id={entry.lobbyId}>
            <div className="lobby-entry__who">
              <p className="lobby-entry__name" id={`${id}-entry-${index}`}>
                {entry.displayName}
                {entry.guest && <span className="person__badge">{t('meeting.people.guest')}</span>}
              </p>
              <p className="lobby-entry__since">{t('meeting.chair.lobbySince', { time: formatClockTime(entry.since) })}</p>
            </div>
            <div className="lobby-entry__actions">
              <button
                className="button panel-button panel-button--primary"
                type="button"
                disabled={busy.has(entry.lobbyId)}
                onClick={() => void decide([entry], 'admit')}
                aria-describedby={`${id}-entry-${index}`}
                data-testid="lobby-admit"
              >
                <CheckIcon />
                {t('meeting.chair.admit')}
              </button>
              <button
                className="button panel-button"
                type="button"
                disabled={busy.has(entry.lobbyId)}
                onClick={() => void decide([entry], 'reject')}
                aria-describedby={`${id}-entry-${index}`}
                data-testid="lobby-reject"
              >
                <CloseIcon />
                {t('meeting.chair.reject')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
