import sharp from 'sharp';
import { createUnreadableError } from './attachments.errors.ts';

/**
 * Largest picture re-encoded, in pixels (a 108-megapixel phone camera's is just under): beyond
 * it, decoding alone would take hundreds of megabytes, so such a file is refused instead.
 */
export const MAX_IMAGE_PIXELS = 120_000_000;

// Each upload is decoded once: libvips's cache would only keep reporters' pictures in memory.
sharp.cache(false);

/**
 * A picture for an anonymous notice, decoded and encoded anew (docs/threat-model-anonymous-notice.md):
 * only pixels survive. EXIF (GPS position, camera make, model and serial, author, dates), XMP,
 * IPTC, ICC profiles, comments, embedded thumbnails and previews, and any bytes hidden after the
 * image are gone, because the new file is written from the decoded pixels alone (sharp keeps no
 * metadata unless asked). The EXIF orientation is applied to the pixels first, so the picture
 * still stands the right way up.
 */
export async function reencodeImage(path: string, mediaType: 'image/jpeg' | 'image/png'): Promise<Buffer> {
  try {
    const image = sharp(path, { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS, autoOrient: true });
    return mediaType === 'image/jpeg'
      ? await image.jpeg({ quality: 90, chromaSubsampling: '4:4:4' }).toBuffer()
      : await image.png({ compressionLevel: 9 }).toBuffer();
  } catch (error) {
    throw createUnreadableError(error);
  }
}
