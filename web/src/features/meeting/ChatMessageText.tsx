// A chat message's text: React text nodes (never HTML), with http(s) URLs as links that open in
// a new tab without giving the page a handle on ours.
import { useI18n } from '../../lib/i18n/i18n';
import { splitLinks } from './chat-links';

export function ChatMessageText({ text }: { text: string }) {
  const { t } = useI18n();
  return (
    <>
      {splitLinks(text).map((segment, index) =>
        segment.kind === 'text' ? (
          segment.text
        ) : (
          <a
            key={index}
            className="chat-message__link"
            href={segment.href}
            target="_blank"
            rel="noopener noreferrer"
            title={t('meeting.chat.linkTitle', { url: segment.href })}
          >
            {segment.text}
          </a>
        ),
      )}
    </>
  );
}
