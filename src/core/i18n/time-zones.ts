/**
 * Date-times typed by the secretariat in a named time zone (the form says which), stored in UTC:
 * a consultation's opening, a meeting's start in Geneva. Pure functions over Intl; no I/O.
 */

/** The time zones offered in the form (every zone the runtime knows, UTC first). */
export const timeZones = (): string[] => ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];

export const isTimeZone = (zone: unknown): zone is string => {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const partsFormat = new Map<string, Intl.DateTimeFormat>();
/** The wall-clock time of `instant` in `zone`, as "YYYY-MM-DDTHH:mm" (with `:ss` when asked: the calendar's feeds keep seconds). */
export const wallClock = (instant: Date, zone: string, { seconds = false }: { seconds?: boolean } = {}): string => {
  const key = `${zone}|${seconds}`;
  let format = partsFormat.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      ...(seconds ? { second: '2-digit' as const } : {}),
    });
    partsFormat.set(key, format);
  }
  const p = Object.fromEntries(format.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}${seconds ? `:${p.second}` : ''}`;
};

/**
 * "2027-03-01T09:30" read as a wall-clock time in `zone` → the UTC instant, or null when the text
 * is not a date-time or the time does not exist there (the hour skipped when clocks go forward).
 * An hour that happens twice (clocks going back) is its first occurrence.
 */
export const zonedToUtc = (text: string, zone: string): Date | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text.trim().slice(0, 16));
  if (!m || !isTimeZone(zone)) return null;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(asUtc)) return null;
  const wanted = text.trim().slice(0, 16);
  // The zone's offset at a nearby instant, applied twice so a change of offset near the time is caught.
  const offsetAt = (t: number) => Date.parse(`${wallClock(new Date(t), zone)}:00Z`) - t;
  const candidates = [asUtc - offsetAt(asUtc - 86_400_000), asUtc - offsetAt(asUtc), asUtc - offsetAt(asUtc + 86_400_000)].sort((a, b) => a - b);
  const found = candidates.find((t) => wallClock(new Date(t), zone) === wanted);
  return found === undefined ? null : new Date(found);
};

/** The offset of `zone` from UTC at `instant`, in minutes (Geneva in summer: 120). */
export const offsetMinutes = (instant: Date, zone: string): number =>
  Math.round((Date.parse(`${wallClock(instant, zone)}:00Z`) - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);

/** "UTC+02:00", "UTC−05:00", "UTC": the offset of `zone` at `instant` as people write it. */
export const utcOffsetLabel = (instant: Date, zone: string): string => {
  const minutes = offsetMinutes(instant, zone);
  if (minutes === 0) return 'UTC';
  const abs = Math.abs(minutes);
  return `UTC${minutes > 0 ? '+' : '\u2212'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
};
