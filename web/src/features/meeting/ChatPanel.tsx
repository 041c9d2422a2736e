// The meeting's chat: the messages (oldest first, newest in view while the reader is at the
// bottom, read out politely to screen readers) and the composer (Enter sends, Shift+Enter breaks
// the line; the draft is the side panel's, so it survives switching panels).
import { useEffect, useId, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import type { ChatMessage } from '../../lib/signaling/messages';
import { ChatMessageText } from './ChatMessageText';
import { formatClockTime } from './clock-time';
import type { PanelSession } from './panel-session';
import { panelErrorKey } from './panel-error';
import { ArrowDownIcon, SendIcon } from './panel-icons';

/** The server's limit, in characters. */
export const CHAT_MAX = 2000;
/** The counter shows from here on. */
const COUNTER_FROM = 1800;
/** Messages of one sender this close together share one header. */
const GROUP_MS = 5 * 60 * 1000;
/** How close to the bottom (px) still counts as "at the bottom". */
const BOTTOM_SLACK = 40;

function characters(text: string): number {
  return [...text].length;
}

function ChatLog({ chat, selfId }: { chat: readonly ChatMessage[]; selfId: string | null }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const [hasNew, setHasNew] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const lastId = useRef<string | null | undefined>(undefined);
  const newest = chat.at(-1);

  useLayoutEffect(() => {
    const element = ref.current;
    const previous = lastId.current;
    lastId.current = newest?.id ?? null;
    if (element === null || newest === undefined || previous === newest.id) return;
    // Our own message, the first render, or a reader at the bottom: follow the newest.
    if (previous === undefined || atBottom.current || newest.participantId === selfId) {
      element.scrollTop = element.scrollHeight;
      atBottom.current = true;
    } else {
      setHasNew(true);
    }
    if (previous !== undefined && newest.participantId !== selfId) {
      setAnnouncement(t('meeting.chat.announce', { name: newest.displayName, text: newest.text }));
    }
  }, [newest, selfId, t]);

  function handleScroll() {
    const element = ref.current;
    if (element === null) return;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < BOTTOM_SLACK;
    if (atBottom.current) setHasNew(false);
  }

  function jumpToNew() {
    const element = ref.current;
    if (element !== null) element.scrollTop = element.scrollHeight;
    atBottom.current = true;
    setHasNew(false);
  }

  return (
    <div className="chat__log-wrap">
      <div className="chat__log" ref={ref} onScroll={handleScroll} tabIndex={0} role="region" aria-label={t('meeting.chat.log')}>
        {chat.length === 0 ? (
          <p className="chat__empty">{t('meeting.chat.empty')}</p>
        ) : (
          <ol className="chat__messages">
            {chat.map((message, index) => {
              const previous = chat[index - 1];
              const mine = message.participantId === selfId;
              const continued =
                previous !== undefined && previous.participantId === message.participantId && message.sentAt - previous.sentAt < GROUP_MS;
              return (
                <li
                  key={message.id}
                  className={`chat-message${mine ? ' chat-message--mine' : ''}${continued ? ' chat-message--continued' : ''}`}
                  data-testid="chat-message"
                  data-participant-id={message.participantId}
                >
                  {/* After a message of the same sender, the header stays for screen readers only. */}
                  <p className={continued ? 'chat-message__meta visually-hidden' : 'chat-message__meta'}>
                    <span className="chat-message__author" data-testid="chat-message-author">
                      {message.displayName}
                    </span>
                    {mine && <span className="visually-hidden"> {t('meeting.people.you')}</span>}{' '}
                    <time className="chat-message__time" dateTime={new Date(message.sentAt).toISOString()}>
                      {formatClockTime(message.sentAt)}
                    </time>
                  </p>
                  <p className="chat-message__text" data-testid="chat-message-text">
                    <ChatMessageText text={message.text} />
                  </p>
                </li>
              );
            })}
          </ol>
        )}
      </div>
      {hasNew && (
        <button className="chat__jump" type="button" onClick={jumpToNew}>
          <ArrowDownIcon />
          {t('meeting.chat.jumpToNew')}
        </button>
      )}
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </div>
  );
}

export function ChatPanel({
  chat,
  selfId,
  session,
  draft,
  onDraftChange,
}: {
  chat: readonly ChatMessage[];
  selfId: string | null;
  session: PanelSession;
  draft: string;
  onDraftChange: (draft: string) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  // The draft as typed now: a message typed while the previous one was on its way is kept.
  const latestDraft = useRef(draft);
  useEffect(() => {
    latestDraft.current = draft;
  }, [draft]);

  const count = characters(draft);
  const tooLong = count > CHAT_MAX;
  const empty = draft.trim() === '';

  async function send() {
    if (sending || empty || tooLong) return;
    const text = draft.trim();
    setSending(true);
    setError(null);
    const code = await session.tryRequest({ type: 'chat', text });
    setSending(false);
    if (code === null) {
      if (latestDraft.current === draft) onDraftChange('');
    } else {
      setError(code);
    }
    input.current?.focus();
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    void send();
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Not while an input method (Telex, VNI) is composing: its Enter confirms the word.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    void send();
  }

  const describedBy = [`${id}-hint`, count >= COUNTER_FROM ? `${id}-counter` : null, error !== null || tooLong ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');

  return (
    <div className="chat" data-testid="chat-panel">
      <ChatLog chat={chat} selfId={selfId} />
      <form className="chat__composer" onSubmit={handleSubmit}>
        <label className="visually-hidden" htmlFor={`${id}-input`}>
          {t('meeting.chat.input')}
        </label>
        <div className="chat__input-row">
          <textarea
            ref={input}
            id={`${id}-input`}
            className="chat__input"
            rows={2}
            value={draft}
            placeholder={t('meeting.chat.placeholder')}
            onChange={(event) => {
              onDraftChange(event.target.value);
              if (error !== null) setError(null);
            }}
            onKeyDown={handleKeyDown}
            readOnly={sending}
            aria-invalid={tooLong}
            aria-describedby={describedBy}
            data-testid="chat-input"
          />
          <button
            className="panel-icon-button panel-icon-button--primary chat__send"
            type="submit"
            disabled={sending || empty || tooLong}
            aria-label={sending ? t('meeting.chat.sending') : t('meeting.chat.send')}
            title={t('meeting.chat.send')}
            data-testid="chat-send"
          >
            <SendIcon />
          </button>
        </div>
        <div className="chat__under">
          <p className="chat__hint" id={`${id}-hint`}>
            {t('meeting.chat.hint')}
          </p>
          {count >= COUNTER_FROM && (
            <p className={`chat__counter${tooLong ? ' chat__counter--over' : ''}`} id={`${id}-counter`}>
              {t('meeting.chat.counter', { count, max: CHAT_MAX })}
            </p>
          )}
        </div>
        {(error !== null || tooLong) && (
          <p className="field__error chat__error" id={`${id}-error`} role="alert" data-testid="chat-error">
            {error !== null ? t(panelErrorKey(error)) : t('meeting.chat.tooLong', { max: CHAT_MAX })}
          </p>
        )}
      </form>
    </div>
  );
}
