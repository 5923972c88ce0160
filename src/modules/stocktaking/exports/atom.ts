import { type ExportLabels, entryUrl } from './columns.js';
import type { ExportEntry } from './queries.js';
import { xml } from './xml.js';

const stamp = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * An Atom 1.0 feed (RFC 4287) of the newest published entries of a filter, titles and summaries in
 * the reader's language (else English, else the original), with the action lines as categories.
 */
export const atomFeed = ({ entries, labels, selfUrl, pageUrl }: { entries: ExportEntry[]; labels: ExportLabels; selfUrl: string; pageUrl: string }): string => {
  const { t, localize, locale } = labels;
  const updated = entries.reduce((max, e) => Math.max(max, (e.publishedAt ?? e.updatedAt).getTime()), 0);
  const items = entries.map((e) => {
    const url = entryUrl(labels, e.id);
    const published = e.publishedAt ?? e.createdAt;
    const categories = e.actionLines.map((code) => `    <category term="${xml(code)}" label="${xml(localize(labels.actionLines.get(code)) || code)}"/>`);
    return [
      '  <entry>',
      `    <id>${xml(url)}</id>`,
      `    <title type="text">${xml(localize(e.title))}</title>`,
      `    <link rel="alternate" type="text/html" href="${xml(url)}"/>`,
      `    <published>${stamp(published)}</published>`,
      `    <updated>${stamp(new Date(Math.max(e.updatedAt.getTime(), published.getTime())))}</updated>`,
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
    `  <id>${xml(selfUrl)}</id>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(pageUrl)}"/>`,
    `  <updated>${stamp(new Date(updated || Date.now()))}</updated>`,
    `  <author><name>${xml(t('stocktaking.exports.feed_author'))}</name></author>`,
    ...items,
    '</feed>',
    '',
  ].join('\n');
};
