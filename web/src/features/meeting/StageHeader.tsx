// Above the stage: the layout switch (grid / speaker / presentation, a group of toggle buttons)
// and, when the grid has more than one page, the page buttons with "Trang 2/3" (aria-disabled
// rather than disabled at either end, so that focus stays on the button just used).
import type { ReactNode } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import type { MessageKey } from '../../lib/i18n/translate';
import { ChevronIcon } from './icons';
import { GridIcon, PresentationIcon, SpeakerLayoutIcon } from './stage-icons';
import { STAGE_LAYOUTS, type Page, type StageLayout } from './stage-layout';

const LAYOUT_TEXT: Readonly<Record<StageLayout, MessageKey>> = {
  grid: 'meeting.stage.layout.grid',
  speaker: 'meeting.stage.layout.speaker',
  presentation: 'meeting.stage.layout.presentation',
};

const LAYOUT_ICON: Readonly<Record<StageLayout, () => ReactNode>> = {
  grid: GridIcon,
  speaker: SpeakerLayoutIcon,
  presentation: PresentationIcon,
};

export interface StageHeaderProps {
  readonly layout: StageLayout;
  readonly hasShare: boolean;
  readonly onLayout: (layout: StageLayout) => void;
  /** The grid's page (null outside the grid). */
  readonly page: Page | null;
  readonly onPage: (page: number) => void;
}

export function StageHeader({ layout, hasShare, onLayout, page, onPage }: StageHeaderProps) {
  const { t } = useI18n();
  return (
    <div className="stage__header">
      <div className="stage-layouts" role="group" aria-label={t('meeting.stage.layout')}>
        {STAGE_LAYOUTS.map((option) => {
          const Icon = LAYOUT_ICON[option];
          const unavailable = option === 'presentation' && !hasShare;
          const text = t(LAYOUT_TEXT[option]);
          return (
            <button
              key={option}
              className="stage-layouts__button"
              type="button"
              aria-pressed={layout === option}
              disabled={unavailable}
              title={unavailable ? t('meeting.stage.layout.noShare') : `${text} — ${t('meeting.stage.layout.shortcut')}`}
              onClick={() => onLayout(option)}
              data-testid={`layout-${option}`}
            >
              <Icon />
              <span className="stage-layouts__text">{text}</span>
            </button>
          );
        })}
      </div>
      {page !== null && page.pageCount > 1 && (
        <div className="stage-pager">
          <button
            className="stage-pager__button"
            type="button"
            aria-label={t('meeting.stage.page.prev')}
            title={t('meeting.stage.page.prev')}
            aria-disabled={page.page === 0}
            onClick={() => {
              if (page.page > 0) onPage(page.page - 1);
            }}
            data-testid="grid-page-prev"
          >
            <ChevronIcon direction="left" />
          </button>
          <span className="stage-pager__label" aria-live="polite" data-testid="grid-page-label">
            {t('meeting.stage.page.label', { page: page.page + 1, count: page.pageCount })}
          </span>
          <button
            className="stage-pager__button"
            type="button"
            aria-label={t('meeting.stage.page.next')}
            title={t('meeting.stage.page.next')}
            aria-disabled={page.page >= page.pageCount - 1}
            onClick={() => {
              if (page.page < page.pageCount - 1) onPage(page.page + 1);
            }}
            data-testid="grid-page-next"
          >
            <ChevronIcon direction="right" />
          </button>
        </div>
      )}
    </div>
  );
}
