// The connection-quality badge of a tile or the self-view: three bars and the accessible text.
import { useI18n } from '../../lib/i18n/i18n';
import type { MessageKey } from '../../lib/i18n/translate';
import type { ConnectionQuality } from './connection-quality';
import { SignalBarsIcon } from './stage-icons';

const QUALITY_TEXT: Readonly<Record<ConnectionQuality, MessageKey>> = {
  good: 'meeting.stage.quality.good',
  fair: 'meeting.stage.quality.fair',
  poor: 'meeting.stage.quality.poor',
  unknown: 'meeting.stage.quality.unknown',
};

export function QualityIndicator({ quality, testId }: { quality: ConnectionQuality; testId: string }) {
  const { t } = useI18n();
  const text = t(QUALITY_TEXT[quality]);
  return (
    <span className={`quality quality--${quality}`} role="img" aria-label={text} title={text} data-testid={testId} data-quality={quality}>
      <SignalBarsIcon />
    </span>
  );
}
