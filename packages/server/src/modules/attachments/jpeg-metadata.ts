/**
 * Removes the metadata segments of a JPEG without decoding it, for the JPEG images inside a PDF
 * (standalone images are re-encoded instead: attachments.clean-image.ts). Dropped: APP1 (EXIF,
 * XMP: GPS position, camera serial, author), APP2 (ICC, and MPF with its appended preview
 * images), APP3–APP13 (IPTC, Photoshop resources, vendors' notes), APP15 and comments; and
 * anything after the end of the image (the previews MPF points to, vendors' trailers). Kept:
 * APP0 (JFIF) and APP14 (Adobe), which say how to decode the colours, and every coding segment.
 * See docs/threat-model-anonymous-notice.md.
 *
 * Answers undefined when the bytes are not a well-formed JPEG: the caller refuses the file
 * rather than keep bytes it could not read.
 */
export function stripJpegMetadata(jpeg: Uint8Array): Uint8Array | undefined {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return undefined;
  const kept: Uint8Array[] = [jpeg.subarray(0, 2)];
  let position = 2;
  while (position < jpeg.length) {
    // Markers may be preceded by any number of 0xFF fill bytes.
    if (jpeg[position] !== 0xff) return undefined;
    while (jpeg[position] === 0xff) position++;
    const marker = jpeg[position];
    if (marker === undefined) return undefined;
    const markerStart = position - 1;
    position++;
    if (marker === 0xd9) {
      kept.push(jpeg.subarray(markerStart, position));
      return concat(kept);
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      kept.push(jpeg.subarray(markerStart, position));
      continue;
    }
    if (position + 2 > jpeg.length) return undefined;
    const length = ((jpeg[position] as number) << 8) | (jpeg[position + 1] as number);
    const segmentEnd = position + length;
    if (length < 2 || segmentEnd > jpeg.length) return undefined;
    if (!isMetadataMarker(marker)) kept.push(jpeg.subarray(markerStart, segmentEnd));
    position = segmentEnd;
    if (marker === 0xda) {
      // Entropy-coded data follows a scan header, up to the next marker that is neither a
      // stuffed 0xFF00 nor a restart marker.
      const scanEnd = endOfScan(jpeg, position);
      kept.push(jpeg.subarray(position, scanEnd));
      position = scanEnd;
    }
  }
  return undefined; // no end-of-image marker
}

/** APP1–APP13, APP15 and COM; APP0 (JFIF) and APP14 (Adobe colour transform) stay. */
function isMetadataMarker(marker: number): boolean {
  return (marker >= 0xe1 && marker <= 0xed) || marker === 0xef || marker === 0xfe;
}

function endOfScan(jpeg: Uint8Array, from: number): number {
  let position = from;
  while (position + 1 < jpeg.length) {
    if (jpeg[position] === 0xff) {
      const next = jpeg[position + 1] as number;
      if (next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) return position;
    }
    position++;
  }
  return jpeg.length;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
