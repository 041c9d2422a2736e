// The participant list: ourselves first, then raised hands, chairs and everyone else by name;
// a search box in large meetings. Chairs also get the lobby, the room's actions, the display
// priority, and a menu per participant (with dialogs for renames, permissions and removals).
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import type { ModerateMessage } from '../../lib/signaling/messages';
import { ChairConfirmDialog } from './ChairConfirmDialog';
import { ChairRoomActions } from './ChairRoomActions';
import type { ChairMenuItem } from './chair-menu-items';
import { EndpointRenameDialog } from './EndpointRenameDialog';
import { LobbySection } from './LobbySection';
import type { MeetingSnapshot } from './meeting-session';
import type { PanelSession } from './panel-session';
import { panelErrorKey } from './panel-error';
import { SearchIcon } from './panel-icons';
import { filterPeople, sortPeople, type Person } from './people-order';
import { PermissionsDialog } from './PermissionsDialog';
import { PersonRow } from './PersonRow';
import { effectivePriority, movedPriority, priorityRank } from './priority-order';
import { RoomSettingsDialog } from './RoomSettingsDialog';

/** From this many people on, the list has a search box. */
const SEARCH_FROM = 9;

type Dialog =
  | { readonly kind: 'remove'; readonly person: Person; readonly ban: boolean }
  | { readonly kind: 'rename'; readonly person: Person }
  | { readonly kind: 'permissions'; readonly person: Person }
  | { readonly kind: 'end' }
  | { readonly kind: 'settings' };

/** Menu items that act at once (the others open a dialog). */
const DIRECT: Partial<Record<ChairMenuItem, Omit<ModerateMessage, 'type' | 'target'>>> = {
  mute: { action: 'mute' },
  askUnmute: { action: 'askUnmute' },
  allowUnmute: { action: 'allowUnmute' },
  stopCamera: { action: 'stopCamera' },
  stopScreen: { action: 'stopScreen' },
  lowerHand: { action: 'lowerHand' },
  setRoleChair: { action: 'setRole', role: 'chair' },
  setRoleParticipant: { action: 'setRole', role: 'participant' },
};

export function ParticipantsPanel({
  snapshot,
  people,
  raisedOrder,
  session,
}: {
  snapshot: Pick<MeetingSnapshot, 'role' | 'settings' | 'lobby' | 'priority' | 'roster' | 'participantId'>;
  /** Ourselves and the roster. */
  people: readonly Person[];
  raisedOrder: readonly string[];
  session: PanelSession;
}) {
  const { t } = useI18n();
  const id = useId();
  const [query, setQuery] = useState('');
  const [byPriority, setByPriority] = useState(false);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chair = snapshot.role === 'chair';

  // Roster order, ourselves last: who the chair's order appends when it does not name them.
  const ids = useMemo(() => {
    const others = snapshot.roster.map((p) => p.participantId);
    return snapshot.participantId === null ? others : [...others, snapshot.participantId];
  }, [snapshot.roster, snapshot.participantId]);
  const order = useMemo(() => effectivePriority(snapshot.priority, ids), [snapshot.priority, ids]);

  const sorted = useMemo(() => {
    if (!byPriority) return sortPeople(people, raisedOrder);
    const place = new Map(order.map((pid, index) => [pid, index]));
    return [...people].sort((a, b) => (place.get(a.participantId) ?? 0) - (place.get(b.participantId) ?? 0));
  }, [people, raisedOrder, byPriority, order]);
  const shown = filterPeople(sorted, people.length >= SEARCH_FROM ? query : '');

  async function act(request: Omit<ModerateMessage, 'type'>) {
    setError(null);
    const code = await session.tryRequest({ type: 'moderate', ...request });
    if (code !== null) setError(code);
  }

  function handleChairAction(item: ChairMenuItem, person: Person) {
    const direct = DIRECT[item];
    if (direct !== undefined) {
      void act({ ...direct, target: person.participantId });
      return;
    }
    if (item === 'remove' || item === 'removeBan') setDialog({ kind: 'remove', person, ban: item === 'removeBan' });
    else if (item === 'rename') setDialog({ kind: 'rename', person });
    else if (item === 'permissions') setDialog({ kind: 'permissions', person });
  }

  function move(participantId: string, delta: -1 | 1) {
    const next = movedPriority(snapshot.priority, ids, participantId, delta);
    if (next !== null) void act({ action: 'setPriority', order: next });
  }

  function handleSearchKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape' && query !== '') {
      // Clears the search first; the next Escape closes the panel.
      event.stopPropagation();
      setQuery('');
    }
  }

  const closeDialog = () => setDialog(null);

  return (
    <div className="people" data-testid="people-panel">
      {error !== null && (
        <p className="panel-error" role="alert" data-testid="people-error">
          {t(panelErrorKey(error))}
        </p>
      )}

      {chair && snapshot.lobby.length > 0 && <LobbySection lobby={snapshot.lobby} session={session} onError={setError} />}

      {chair && (
        <ChairRoomActions
          settings={snapshot.settings}
          anyoneLocked={snapshot.roster.some((p) => p.microphoneLocked)}
          session={session}
          onError={setError}
          onOpenSettings={() => setDialog({ kind: 'settings' })}
          onEndMeeting={() => setDialog({ kind: 'end' })}
          ordering={byPriority}
          onToggleOrdering={() => setByPriority(!byPriority)}
        />
      )}

      {people.length >= SEARCH_FROM && (
        <div className="people__search">
          <SearchIcon />
          <label className="visually-hidden" htmlFor={`${id}-search`}>
            {t('meeting.people.search')}
          </label>
          <input
            id={`${id}-search`}
            type="search"
            value={query}
            placeholder={t('meeting.people.search')}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={handleSearchKey}
            autoComplete="off"
            data-testid="people-search"
          />
        </div>
      )}

      {chair && byPriority && (
        <div className="people__priority-bar">
          <p className="people__priority-hint">{t('meeting.people.priorityHint')}</p>
          {snapshot.priority.length > 0 && (
            <button
              className="button panel-button panel-button--quiet"
              type="button"
              onClick={() => void act({ action: 'setPriority', order: [] })}
              data-testid="people-priority-clear"
            >
              {t('meeting.people.priorityClear')}
            </button>
          )}
        </div>
      )}

      <ul className="people__list" aria-label={t('meeting.people.list')}>
        {shown.map((person) => {
          const place = order.indexOf(person.participantId);
          return (
            <PersonRow
              key={person.participantId}
              person={person}
              session={session}
              chairView={chair}
              ordering={chair && byPriority}
              priority={{
                rank: priorityRank(snapshot.priority, person.participantId),
                canUp: place > 0,
                canDown: place >= 0 && place < order.length - 1,
                onMove: (delta) => move(person.participantId, delta),
              }}
              onChairAction={handleChairAction}
            />
          );
        })}
      </ul>
      {shown.length === 0 && query.trim() !== '' && <p className="people__empty">{t('meeting.people.noMatch', { query: query.trim() })}</p>}

      {dialog?.kind === 'remove' && (
        <ChairConfirmDialog
          title={t(dialog.ban ? 'meeting.chair.removeBanTitle' : 'meeting.chair.removeTitle', { name: dialog.person.displayName })}
          text={t(dialog.ban ? 'meeting.chair.removeBanText' : 'meeting.chair.removeText')}
          confirmLabel={t(dialog.ban ? 'meeting.chair.removeBanConfirm' : 'meeting.chair.removeConfirm')}
          onConfirm={() => session.tryRequest({ type: 'moderate', action: 'remove', target: dialog.person.participantId, ban: dialog.ban })}
          onClose={closeDialog}
        />
      )}
      {dialog?.kind === 'end' && (
        <ChairConfirmDialog
          title={t('meeting.chair.endTitle')}
          text={t('meeting.chair.endText')}
          confirmLabel={t('meeting.chair.endConfirm')}
          onConfirm={() => session.tryRequest({ type: 'moderate', action: 'end' })}
          onClose={closeDialog}
        />
      )}
      {dialog?.kind === 'rename' && <EndpointRenameDialog person={dialog.person} session={session} onClose={closeDialog} />}
      {dialog?.kind === 'permissions' && <PermissionsDialog person={dialog.person} session={session} onClose={closeDialog} />}
      {dialog?.kind === 'settings' && snapshot.settings !== null && (
        <RoomSettingsDialog settings={snapshot.settings} session={session} onClose={closeDialog} />
      )}
    </div>
  );
}
