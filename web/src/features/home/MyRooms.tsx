// "Phòng của tôi": the signed-in user's rooms (GET /rooms, scheduled ones first by time), read
// again whenever `reloadKey` changes (after a room is created).
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { listRooms } from '../../lib/api';
import type { Room } from '../../lib/api-types';
import { useI18n } from '../../lib/i18n/i18n';
import { problemFrom, type Problem } from '../../lib/problem';
import { ErrorMessage } from '../../lib/ui/ErrorMessage';
import { MyRoomItem } from './MyRoomItem';

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export function MyRooms({ reloadKey = 0 }: { reloadKey?: number }) {
  const { t } = useI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [rooms, setRooms] = useState<readonly Room[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [notice, setNotice] = useState('');

  useEffect(() => {
    const controller = new AbortController();
    listRooms(controller.signal).then(
      (list) => {
        setRooms(list);
        setProblem(null);
      },
      (error: unknown) => {
        if (!isAbort(error)) setProblem(problemFrom(error, 'home'));
      },
    );
    return () => controller.abort();
  }, [reloadKey, attempt]);

  const handleDeleted = useCallback(
    (room: Room) => {
      setRooms((prev) => (prev === null ? prev : prev.filter((r) => r.id !== room.id)));
      setNotice(t('home.rooms.deleted', { title: room.title }));
      // The item and its buttons are gone: keep keyboard users in the list.
      heading.current?.focus();
    },
    [t],
  );

  return (
    <section className="card my-rooms" aria-labelledby={`${id}-title`} data-testid="my-rooms">
      <h2 id={`${id}-title`} tabIndex={-1} ref={heading}>
        {t('home.rooms.mine.title')}
      </h2>
      <p className="my-rooms__notice" role="status">
        {notice}
      </p>
      {problem !== null && (
        <div className="my-rooms__problem">
          <ErrorMessage problem={problem} testId="my-rooms-error" />
          <button className="button button--compact" type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('error.retry')}
          </button>
        </div>
      )}
      {rooms === null && problem === null && <p className="my-rooms__loading">{t('home.rooms.mine.loading')}</p>}
      {rooms !== null && rooms.length === 0 && (
        <p className="my-rooms__empty" data-testid="my-rooms-empty">
          {t('home.rooms.mine.empty')}
        </p>
      )}
      {rooms !== null && rooms.length > 0 && (
        <ul className="room-list">
          {rooms.map((room) => (
            <MyRoomItem key={room.id} room={room} onDeleted={handleDeleted} />
          ))}
        </ul>
      )}
    </section>
  );
}
