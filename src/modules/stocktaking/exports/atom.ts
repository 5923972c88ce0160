import { DEFAULT_ATOM_ID_PREFIX } from '../../../core/config.js';
import { type ExportLabels, entryUrl } from './columns.js';
import type { ExportEntry } from './queries.js';
import { xml } from './xml.js';

const stamp = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** When an entry last changed, as the feed says it: never before its publication. */
const entryUpdated = (e: ExportEntry) => new Date(Math.max(e.updatedAt.getTime(), (e.publishedAt ?? e.createdAt).getTime()));

/** The permanent id of an entry in feeds: neither the reader's language nor the host name is part of it. */
export const atomEntryId = (prefix: string, id: number) => `${prefix}:stocktaking:entry:${id}`;

/**
 * The permanent id of the feed of a filter: the filter's parameters in a stable order, without
 * `lang` (the language of the texts does not make another feed).
 */
export const atomFeedId = (prefix: string, search: URLSearchParams) => {
  const params = [...search].filter(([k]) => k !== 'lang').sort(([a, x], [b, y]) => (a === b ? x.localeCompare(y) : a.localeCompare(b)));
  const query = new URLSearchParams(params).toString();
  return `${prefix}:stocktaking:feed${query ? `?${query}` : ''}`;
};

/**
 * An Atom 1.0 feed (RFC 4287) of the newest published entries of a filter, titles and summaries in
 * the reader's language (else English, else the original), with the action lines as categories.
 * The feed's `updated` is its newest entry's (so it changes only when an entry does); ids are
 * tag: URIs (WSIS_ATOM_ID_PREFIX), the same in every language and behind any host name.
 */
export const atomFeed = ({
  entries,
  labels,
  selfUrl,
  pageUrl,
  feedId,
  idPrefix = DEFAULT_ATOM_ID_PREFIX,
}: {
  entries: ExportEntry[];
  labels: ExportLabels;
  selfUrl: string;
  pageUrl: string;
  feedId: string;
  idPrefix?: string;
}): string => {
  const { t, localize, locale } = labels;
  const updated = entries.reduce((max, e) => Math.max(max, entryUpdated(e).getTime()), 0);
  const items = entries.map((e) => {
    const url = entryUrl(labels, e.id);
    const published = e.publishedAt ?? e.createdAt;
    const categories = e.actionLines.map((code) => `    <category term="${xml(code)}" label="${xml(localize(labels.actionLines.get(code)) || code)}"/>`);
    return [
      '  <entry>',
      `    <id>${xml(atomEntryId(idPrefix, e.id))}</id>`,
      `    <title type="text">${xml(localize(e.title))}</title>`,
      `    <link rel="alternate" type="text/html" href="${xml(url)}"/>`,
      `    <published>${stamp(published)}</published>`,
      `    <updated>${stamp(entryUpdated(e))}</updated>`,
      `    <summary type="text">${xml(localize(e.summary))}</summary>`,
      ...categories,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">`,
    `  <title type="text">${xml(t('stocktaking.exports.feed_title'))}</title>`,
    `  <subtitle type="text">${xml(t('stocktaking.exports.feed_subtitle'))}</subtitle>`,
    `  <id>${xml(feedId)}</id>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(pageUrl)}"/>`,
    // A feed without entries: the start of the epoch rather than a time that changes at every request.
    `  <updated>${stamp(new Date(updated))}</updated>`,
    `  <author><name>${xml(t('stocktaking.exports.feed_author'))}</name></author>`,
    ...items,
    '</feed>',
    '',
  ].join('\n');
};
