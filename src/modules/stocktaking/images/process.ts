/**
 * Uploaded images: the type is read from the bytes (never from the file name or the browser's
 * claim), the picture is decoded and re-encoded by sharp (libvips), which drops every metadata
 * block (EXIF with GPS position and camera serial, XMP, IPTC, comments) after applying the EXIF
 * orientation, and large pictures are scaled down. A file that does not decode is refused.
 */
import type { UploadedFile } from '../../../core/http/body-parsers.js';

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];
/** Largest accepted upload. */
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
/** Stored pictures fit in this square (larger ones are scaled down, never up). */
export const IMAGE_MAX_SIDE = 2000;
/** Decompression-bomb guard: a small file that claims to be a gigapixel image is refused. */
const MAX_INPUT_PIXELS = 50_000_000;
/** How many images one entry shows. */
export const IMAGES_PER_ENTRY = 6;

export type ProcessedImage = { mimeType: ImageType; width: number; height: number; data: Buffer };
export type ImageError = 'image_too_large' | 'image_type' | 'image_unreadable';

/** The image type announced by the file's first bytes (magic numbers), or null. */
export const sniffImageType = (bytes: Buffer): ImageType | null => {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
};

export const processImage = async (file: UploadedFile): Promise<{ ok: true; image: ProcessedImage } | { ok: false; error: ImageError }> => {
  if (file.truncated || file.size > IMAGE_MAX_BYTES) return { ok: false, error: 'image_too_large' };
  const bytes = await file.read();
  const type = sniffImageType(bytes);
  if (!type) return { ok: false, error: 'image_type' };
  // libvips is loaded at the first picture, not with the routes that accept one.
  const { default: sharp } = await import('sharp');
  try {
    let pipeline = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', animated: false })
      .rotate()
      .resize({ width: IMAGE_MAX_SIDE, height: IMAGE_MAX_SIDE, fit: 'inside', withoutEnlargement: true });
    pipeline = type === 'image/png' ? pipeline.png({ compressionLevel: 9 }) : type === 'image/jpeg' ? pipeline.jpeg({ quality: 85 }) : pipeline.webp({ quality: 85 });
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { ok: true, image: { mimeType: type, width: info.width, height: info.height, data } };
  } catch {
    return { ok: false, error: 'image_unreadable' };
  }
};
