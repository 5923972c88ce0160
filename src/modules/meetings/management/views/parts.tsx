import { utcOffsetLabel } from '../../../../core/i18n/time-zones.js';
import { LocalTime } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { LocalizedText } from '../../../../core/views/LocalizedText.js';
import type { Localized } from '../../../../core/i18n/locales.js';
import type { MeetingStatus } from '../../tables.js';

export const statusLabel = (view: ViewContext, s: MeetingStatus) => view.t(`meetings.management.status_${s}`);

/** A meeting's title in the reader's language, else in the one it exists in (marked). */
export const MeetingText = ({ view, value }: { view: ViewContext; value: Localized }) => <LocalizedText view={view} value={value} translations={{}} />;

const formats = new Map<string, Intl.DateTimeFormat>();
/** An instant as the clocks of `zone` show it, in the reader's language ("lundi 22 mars 2027, 09:30"). */
export const zonedText = (view: ViewContext, instant: Date, zone: string) => {
  const key = `${view.locale}|${zone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(view.locale, { dateStyle: 'full', timeStyle: 'short', timeZone: zone });
    formats.set(key, format);
  }
  return format.format(instant);
};

/**
 * An instant in the meeting's time zone, named with its UTC offset ("… 09:30 (Europe/Zurich,
 * UTC+01:00)"), then the same instant in the reader's own zone (turned by app.js; UTC without script).
 */
export const MeetingTime = ({ view, value, zone }: { view: ViewContext; value: Date; zone: string }) => (
  <>
    <time datetime={value.toISOString()}>{zonedText(view, value, zone)}</time>{' '}
    <span class="muted">({view.t('meetings.management.zone_offset', { zone, offset: utcOffsetLabel(value, zone) })})</span>
    <br />
    <small>
      {view.t('meetings.management.your_time')} <LocalTime view={view} value={value} />
    </small>
  </>
);
