// The side panel beside the stage: the chat or the participant list, one at a time. A column on
// wide screens, over the stage on a phone. Mounted for the whole meeting (it renders nothing
// while closed) so that the chat draft and the order of raised hands survive closing it.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import { CloseIcon } from '../../lib/ui/icons';
import { ChatPanel } from './ChatPanel';
import type { MeetingSession } from './meeting-session';
import type { PanelSnapshot } from './panel-session';
import { ParticipantsPanel } from './ParticipantsPanel';
import { meetingPeople } from './people-order';
import type { SidePanelName } from './side-panel-name';
import { useRaisedOrder } from './use-raised-order';
import './panels.css';

export function SidePanel({
  panel,
  onClose,
  session,
  snapshot,
}: {
  panel: SidePanelName | null;
  onClose: () => void;
  session: Pick<MeetingSession, 'tryRequest' | 'displayName'>;
  snapshot: PanelSnapshot;
}) {
  const { t } = useI18n();
  const id = useId();
  const [chatDraft, setChatDraft] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const people = useMemo(() => meetingPeople(snapshot, session.displayName), [snapshot, session.displayName]);
  const raisedOrder = useRaisedOrder(people);

  useEffect(() => {
    if (panel === null) {
      // Closed: back to what opened it (the toolbar button), unless focus already went elsewhere.
      const previous = opener.current;
      opener.current = null;
      const active = document.activeElement;
      if (previous?.isConnected && (active === null || active === document.body)) previous.focus();
      return;
    }
    if (opener.current === null && document.activeElement instanceof HTMLElement) opener.current = document.activeElement;
    heading.current?.focus();
  }, [panel]);

  if (panel === null) return null;
  const title = panel === 'chat' ? t('meeting.chat.title') : t('meeting.people.title', { count: people.length });

  return (
    <aside className="side-panel" aria-labelledby={`${id}-title`} data-testid="side-panel" data-panel={panel}>
      <header className="side-panel__header">
        <h2 className="side-panel__title" id={`${id}-title`} ref={heading} tabIndex={-1}>
          {title}
        </h2>
        <button
          className="panel-icon-button"
          type="button"
          onClick={onClose}
          aria-label={t('meeting.panels.close')}
          title={t('meeting.panels.close')}
          data-testid="panel-close"
        >
          <CloseIcon />
        </button>
      </header>
      <div className="side-panel__content">
        {panel === 'chat' ? (
          <ChatPanel chat={snapshot.chat} selfId={snapshot.participantId} session={session} draft={chatDraft} onDraftChange={setChatDraft} />
        ) : (
          <ParticipantsPanel snapshot={snapshot} people={people} raisedOrder={raisedOrder} session={session} />
        )}
      </div>
    </aside>
  );
}
