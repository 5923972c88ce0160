/**
 * The ZIP of a meeting's documents in one language, streamed: entries are stored (PDF and Office
 * files are compressed already), each file read from the store chunk by chunk and handed on as the
 * client reads, so memory does not grow with the sizes of the files (fflate's Zip with
 * ZipPassThrough entries; sizes and CRC go in data descriptors and the central directory).
 */
import { Readable } from 'node:stream';
import { Zip, ZipPassThrough } from 'fflate';
import type { FileStore } from '../../../core/storage/files.js';

export type ZipEntry = { name: string; sha256: string; modified: Date };

export const zipStream = (store: FileStore, entries: ZipEntry[]): Readable => {
  async function* chunks() {
    const queue: Uint8Array[] = [];
    let failure: Error | null = null;
    const zip = new Zip((error, data) => {
      if (error) failure = error;
      else queue.push(data);
    });
    for (const entry of entries) {
      const file = new ZipPassThrough(entry.name);
      file.mtime = entry.modified;
      zip.add(file);
      for await (const chunk of await store.open(entry.sha256)) {
        file.push(chunk as Uint8Array);
        if (failure) throw failure;
        while (queue.length > 0) yield queue.shift() as Uint8Array;
      }
      file.push(new Uint8Array(0), true);
      while (queue.length > 0) yield queue.shift() as Uint8Array;
    }
    zip.end();
    if (failure) throw failure;
    while (queue.length > 0) yield queue.shift() as Uint8Array;
  }
  return Readable.from(chunks(), { objectMode: false });
};
